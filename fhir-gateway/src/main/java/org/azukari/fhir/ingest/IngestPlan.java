package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.BAD_REQUEST;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Works out, for one all-or-nothing input, what every reference points at and whose custody
 * every resource goes into, as FHIR transaction processing requires: each entry is named by the
 * source's id for it, Patients are matched to residents ({@link PatientMatching}, through
 * {@link EnrolmentMatch}: never a pick between two), references are resolved
 * ({@link ReferenceResolution}; by identifier, {@link ConditionalReferences}: never from one
 * resident's record to another's), and custody follows ({@link CustodyAssignment}). Anything that
 * does not resolve refuses the whole input, naming the entry and element.
 */
final class IngestPlan {

    /** Resources that belong to no patient: kept in the source's directory custody. */
    static final Set<String> DIRECTORY_TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "Endpoint", "Medication", "HealthcareService", "Substance", "InsurancePlan", "OrganizationAffiliation");

    static final Pattern RELATIVE = Pattern.compile(
            "(?:(?:https?://\\S+?/)?)([A-Z][A-Za-z]{1,63})/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?");
    static final Pattern CONDITIONAL = Pattern.compile("([A-Z][A-Za-z]{1,63})\\?(.+)");
    static final Pattern URN_UUID = Pattern.compile("urn:uuid:[0-9a-fA-F-]{36}");

    /** Where a reference points: another entry of this input, or something the source sent before. */
    sealed interface Target {
        record ToEntry(IngestEntry entry) implements Target {
        }

        record ToIndexed(String type, IndexedRecord record) implements Target {
        }
    }

    private final FhirTerser terser;
    private final OrganisationId source;
    private final List<IngestEntry> entries;
    private final ConditionalReferences conditionals;
    private final PatientMatching patients;
    private final ReferenceResolution resolution;
    private final Map<IngestEntry, SourceRef> refs = new LinkedHashMap<>();
    private final Map<String, IngestEntry> byFullUrl = new HashMap<>();
    private final Map<String, IngestEntry> byTypeAndId = new HashMap<>();
    private final Map<Reference, Target> targets = new IdentityHashMap<>();
    private final Map<IngestEntry, Custody> custody = new HashMap<>();
    private final Map<Resource, List<Reference>> referencesOf = new IdentityHashMap<>();

    IngestPlan(FhirContext fhir, OrganisationId source, SourceIndex index, PeopleRegistry people,
               List<IngestEntry> entries) {
        this.terser = fhir.newTerser();
        this.source = source;
        this.entries = entries;
        EnrolmentMatch enrolments = new EnrolmentMatch(people, source);
        this.conditionals = new ConditionalReferences(fhir, source, index, enrolments, entries);
        this.patients = new PatientMatching(source, index, enrolments);
        this.resolution = new ReferenceResolution(terser, source, index, enrolments, conditionals, byFullUrl,
                byTypeAndId, targets);
    }

    /** Resolves everything or throws {@link IngestRefusedException}. */
    IngestPlan resolve() {
        nameEntries();
        patients.match(entries, refs, custody);
        for (IngestEntry entry : entries) {
            resolution.resolve(entry, references(entry.resource()));
        }
        new CustodyAssignment(source, entries, targets, custody, this::references, resolution).assign();
        conditionals.settle(custody, targets);
        return this;
    }

    SourceRef ref(IngestEntry entry) {
        return refs.get(entry);
    }

    Custody custody(IngestEntry entry) {
        return custody.get(entry);
    }

    Map<Reference, Target> targets() {
        return targets;
    }

    /** Every Reference in the resource, contained resources included; found once per resource. */
    List<Reference> references(Resource resource) {
        return referencesOf.computeIfAbsent(resource,
                r -> terser.getAllPopulatedChildElementsOfType(r, Reference.class));
    }

    /** The resource's {@code identifier} elements; none for types that have no such element. */
    static List<Identifier> identifiersOf(FhirContext fhir, Resource resource) {
        if (fhir.getResourceDefinition(resource).getChildByName("identifier") == null) {
            return List.of();
        }
        return fhir.newTerser().getValues(resource, "identifier", Identifier.class);
    }

    private void nameEntries() {
        Set<SourceRef> seen = new HashSet<>();
        for (IngestEntry entry : entries) {
            SourceRef ref = new SourceRef(entry.type(), sourceId(entry));
            if (!seen.add(ref)) {
                throw refuse(BAD_REQUEST, FhirGatewayError.FG_0303, IssueType.DUPLICATE,
                        "the input holds this resource twice", entry.expression());
            }
            refs.put(entry, ref);
            entry.fullUrl().ifPresent(url -> byFullUrl.put(url, entry));
            byTypeAndId.put(entry.type() + "/" + ref.id(), entry);
        }
    }

    /** The source's id: the request URL's or the resource's logical id, a urn:uuid fullUrl, or a content hash. */
    private String sourceId(IngestEntry entry) {
        if (entry.requestUrl().isPresent()) {
            Matcher relative = RELATIVE.matcher(entry.requestUrl().get());
            if (relative.matches() && relative.group(1).equals(entry.type())) {
                return relative.group(2);
            }
        }
        String id = entry.resource().getIdElement().getIdPart();
        if (id != null && !id.isBlank()) {
            return id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id;
        }
        if (entry.fullUrl().isPresent()) {
            String url = entry.fullUrl().get();
            if (URN_UUID.matcher(url).matches()) {
                return url.substring("urn:uuid:".length());
            }
            Matcher relative = RELATIVE.matcher(url);
            if (relative.matches()) {
                return relative.group(2);
            }
        }
        return "content-" + ContentDigest.hex(entry.resource());
    }
}
