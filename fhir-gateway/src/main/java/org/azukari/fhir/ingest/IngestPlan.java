package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.BAD_REQUEST;
import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Works out, for one all-or-nothing input, what every reference points at and whose custody
 * every resource goes into, as FHIR transaction processing requires: {@code urn:uuid} and
 * relative references to other entries, then references to what the same source sent before,
 * and conditional references ({@code Practitioner?identifier=system|value}) against both
 * ({@link ConditionalReferences}: never from one resident's record to another's).
 * Patients are matched to residents through their enrolment links ({@link EnrolmentMatch}:
 * never a pick between two). Anything that does not resolve refuses the whole input, naming
 * the entry and element.
 */
final class IngestPlan {

    /** Resources that belong to no patient: kept in the source's directory custody. */
    static final Set<String> DIRECTORY_TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "Endpoint", "Medication", "HealthcareService", "Substance");

    private static final Pattern RELATIVE = Pattern.compile(
            "(?:(?:https?://\\S+?/)?)([A-Z][A-Za-z]{1,63})/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?");
    private static final Pattern CONDITIONAL = Pattern.compile("([A-Z][A-Za-z]{1,63})\\?(.+)");
    private static final Pattern URN_UUID = Pattern.compile("urn:uuid:[0-9a-fA-F-]{36}");

    /** Where a reference points: another entry of this input, or something the source sent before. */
    sealed interface Target {
        record ToEntry(IngestEntry entry) implements Target {
        }

        record ToIndexed(String type, IndexedRecord record) implements Target {
        }
    }

    private final FhirContext fhir;
    private final FhirTerser terser;
    private final OrganisationId source;
    private final SourceIndex index;
    private final EnrolmentMatch enrolments;
    private final ConditionalReferences conditionals;
    private final List<IngestEntry> entries;
    private final Map<IngestEntry, SourceRef> refs = new LinkedHashMap<>();
    private final Map<String, IngestEntry> byFullUrl = new HashMap<>();
    private final Map<String, IngestEntry> byTypeAndId = new HashMap<>();
    private final Map<Reference, Target> targets = new IdentityHashMap<>();
    private final Map<IngestEntry, Custody> custody = new HashMap<>();
    private final Map<IngestEntry, Set<ResidentId>> patientLinks = new HashMap<>();
    private final Map<Reference, String> elementNames = new IdentityHashMap<>();
    private final Map<Resource, List<Reference>> referencesOf = new IdentityHashMap<>();
    private final Map<IngestEntry, Set<ResidentId>> logicalPatients = new HashMap<>();
    private final Map<IngestEntry, List<String>> unmatchedLogical = new HashMap<>();
    private static final Set<String> PATIENT_ELEMENTS = Set.of("subject", "patient", "beneficiary");

    IngestPlan(FhirContext fhir, OrganisationId source, SourceIndex index, PeopleRegistry people,
               List<IngestEntry> entries) {
        this.fhir = fhir;
        this.terser = fhir.newTerser();
        this.source = source;
        this.index = index;
        this.enrolments = new EnrolmentMatch(people, source);
        this.conditionals = new ConditionalReferences(fhir, source, index, enrolments, entries);
        this.entries = entries;
    }

    /** Resolves everything or throws {@link IngestRefusedException}. */
    IngestPlan resolve() {
        nameEntries();
        matchPatients();
        for (IngestEntry entry : entries) {
            nameReferences(entry.resource());
            for (Reference reference : references(entry.resource())) {
                resolveReference(entry, reference);
            }
        }
        assignCustody();
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

    private void nameEntries() {
        Set<SourceRef> seen = new HashSet<>();
        for (IngestEntry entry : entries) {
            SourceRef ref = new SourceRef(entry.type(), sourceId(entry));
            if (!seen.add(ref)) {
                throw refuse(BAD_REQUEST, "FG-0303", IssueType.DUPLICATE,
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

    private void matchPatients() {
        for (IngestEntry entry : entries) {
            if (entry.resource() instanceof Patient patient) {
                ResidentId resident = enrolments.residentOf(patient.getIdentifier(), entry.expression() + ".identifier")
                        .or(() -> index.find(source, refs.get(entry))
                                .filter(found -> !found.custody().directory()).map(found -> found.custody().id()))
                        .orElseThrow(() -> unmatched(entry, patient));
                custody.put(entry, Custody.resident(resident));
            }
        }
    }

    private IngestRefusedException unmatched(IngestEntry entry, Patient patient) {
        List<String> named = new ArrayList<>();
        for (Identifier identifier : patient.getIdentifier()) {
            named.add((identifier.hasSystem() ? identifier.getSystem() : "(no system)") + "|"
                    + (identifier.hasValue() ? identifier.getValue() : "(no value)"));
        }
        String which = named.isEmpty() ? "the Patient carries no identifier"
                : "no enrolled resident is linked to " + String.join(", ", named);
        return refuse(UNPROCESSABLE, "FG-0310", IssueType.NOTFOUND,
                "unknown patient: " + which + " for this source; nothing of the input was stored",
                entry.expression() + ".identifier");
    }

    private void resolveReference(IngestEntry entry, Reference reference) {
        String text = reference.getReference();
        String at = entry.expression() + "." + elementName(reference);
        if ((text == null || text.isBlank()) && reference.hasIdentifier()) {
            resolveLogicalPatient(entry, reference);
            return;
        }
        if (text == null || text.isBlank() || text.startsWith("#")) {
            return;
        }
        IngestEntry inInput = byFullUrl.get(text);
        if (inInput != null) {
            targets.put(reference, new Target.ToEntry(inInput));
            return;
        }
        if (text.startsWith("urn:")) {
            Optional<IndexedRecord> sentBefore = URN_UUID.matcher(text).matches()
                    ? index.find(source, SourceRef.urn(text.substring("urn:uuid:".length()))) : Optional.empty();
            targets.put(reference, sentBefore.<Target>map(found -> new Target.ToIndexed(found.resourceType(), found))
                    .orElseThrow(() -> refuse(UNPROCESSABLE, "FG-0305", IssueType.NOTFOUND, "reference " + text
                            + " names neither an entry of this input nor a resource this source sent before", at)));
            return;
        }
        Matcher conditional = CONDITIONAL.matcher(text);
        if (conditional.matches()) {
            conditionals.resolve(entry, reference, conditional.group(1), conditional.group(2), at)
                    .ifPresent(target -> targets.put(reference, target));
            return;
        }
        Matcher relative = RELATIVE.matcher(text);
        if (!relative.matches()) {
            throw refuse(UNPROCESSABLE, "FG-0304", IssueType.INVALID, "malformed reference", at);
        }
        if (text.startsWith("http://") || text.startsWith("https://")) {
            // An absolute reference to a server other than the sender's bundle is left as it is.
            return;
        }
        String type = relative.group(1);
        IngestEntry sameInput = byTypeAndId.get(type + "/" + relative.group(2));
        if (sameInput != null) {
            targets.put(reference, new Target.ToEntry(sameInput));
            return;
        }
        IndexedRecord sentBefore = index.find(source, new SourceRef(type, relative.group(2)))
                .orElseThrow(() -> refuse(UNPROCESSABLE, "FG-0305", IssueType.NOTFOUND, "reference " + text
                        + " names a resource that is neither in this input nor sent before by this source", at));
        targets.put(reference, new Target.ToIndexed(sentBefore.resourceType(), sentBefore));
    }

    /**
     * A reference by identifier only ({@code subject.identifier}: an insurance member id) links
     * the resource to the resident enrolled under that identifier, when it names a patient.
     */
    private void resolveLogicalPatient(IngestEntry entry, Reference reference) {
        Identifier identifier = reference.getIdentifier();
        boolean namesPatient = "Patient".equals(reference.getType())
                || !reference.hasType() && PATIENT_ELEMENTS.contains(elementName(reference));
        if (!namesPatient || !identifier.hasSystem() || !identifier.hasValue()) {
            return;
        }
        Optional<ResidentId> resident = enrolments.resident(identifier.getSystem(), identifier.getValue());
        if (resident.isPresent()) {
            logicalPatients.computeIfAbsent(entry, e -> new LinkedHashSet<>()).add(resident.get());
        } else {
            unmatchedLogical.computeIfAbsent(entry, e -> new ArrayList<>())
                    .add(identifier.getSystem() + "|" + identifier.getValue());
        }
    }

    /** The name of the element holding the reference ({@code subject}, {@code performer}), for messages and patient links. */
    private String elementName(Reference reference) {
        return elementNames.getOrDefault(reference, "reference");
    }

    private void nameReferences(Resource resource) {
        terser.visit(resource, new ca.uhn.fhir.util.IModelVisitor2() {
            @Override
            public boolean acceptElement(org.hl7.fhir.instance.model.api.IBase element,
                                         List<org.hl7.fhir.instance.model.api.IBase> containingPath,
                                         List<ca.uhn.fhir.context.BaseRuntimeChildDefinition> childPath,
                                         List<ca.uhn.fhir.context.BaseRuntimeElementDefinition<?>> elementPath) {
                if (element instanceof Reference reference && !childPath.isEmpty()) {
                    elementNames.put(reference, childPath.get(childPath.size() - 1).getElementName());
                }
                return true;
            }
        });
    }

    /** The resource's {@code identifier} elements; none for types that have no such element. */
    static List<Identifier> identifiersOf(FhirContext fhir, Resource resource) {
        if (fhir.getResourceDefinition(resource).getChildByName("identifier") == null) {
            return List.of();
        }
        return fhir.newTerser().getValues(resource, "identifier", Identifier.class);
    }

    /**
     * Patients have theirs already. Directory types go to the source's directory. Everything
     * else goes to the resident its patient references lead to (directly, or through the
     * entries it references or that reference it); with a single resident in the input, to them.
     */
    private void assignCustody() {
        for (IngestEntry entry : entries) {
            if (isDirectory(entry)) {
                custody.put(entry, Custody.directoryOf(source));
            }
        }
        Set<ResidentId> residents = new LinkedHashSet<>();
        for (IngestEntry entry : entries) {
            if (!custody.containsKey(entry)) {
                patientLinks.put(entry, directResidents(entry));
            }
            Custody assigned = custody.get(entry);
            if (assigned != null && !assigned.directory()) {
                residents.add(assigned.id());
            }
        }
        patientLinks.values().forEach(residents::addAll);
        for (IngestEntry entry : entries) {
            if (custody.containsKey(entry)) {
                continue;
            }
            Set<ResidentId> linked = patientLinks.get(entry);
            if (linked.size() > 1) {
                throw refuse(UNPROCESSABLE, "FG-0311", IssueType.BUSINESSRULE,
                        "one resource refers to more than one patient", entry.expression());
            }
            if (linked.size() == 1) {
                custody.put(entry, Custody.resident(linked.iterator().next()));
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (IngestEntry entry : entries) {
                if (!custody.containsKey(entry)) {
                    Optional<Custody> inherited = inheritedCustody(entry);
                    if (inherited.isPresent()) {
                        custody.put(entry, inherited.get());
                        progress = true;
                    }
                }
            }
        }
        for (IngestEntry entry : entries) {
            if (!custody.containsKey(entry) && unmatchedLogical.containsKey(entry)) {
                throw refuse(UNPROCESSABLE, "FG-0310", IssueType.NOTFOUND, "unknown patient: no enrolled resident is"
                        + " linked to " + String.join(", ", unmatchedLogical.get(entry))
                        + " for this source; nothing of the input was stored", entry.expression());
            }
        }
        for (IngestEntry entry : entries) {
            if (!custody.containsKey(entry)) {
                if (residents.size() != 1) {
                    throw refuse(UNPROCESSABLE, "FG-0312", IssueType.BUSINESSRULE, residents.isEmpty()
                            ? "this resource refers to no patient, and the input names none"
                            : "cannot tell which of the input's patients this resource belongs to", entry.expression());
                }
                custody.put(entry, Custody.resident(residents.iterator().next()));
            }
        }
    }

    private boolean isDirectory(IngestEntry entry) {
        if (DIRECTORY_TYPES.contains(entry.type())) {
            return true;
        }
        return entry.type().equals("Device") && references(entry.resource()).stream()
                .noneMatch(reference -> pointsAtPatient(reference));
    }

    private Set<ResidentId> directResidents(IngestEntry entry) {
        Set<ResidentId> found = new LinkedHashSet<>(logicalPatients.getOrDefault(entry, Set.of()));
        for (Reference reference : references(entry.resource())) {
            Target target = targets.get(reference);
            if (target instanceof Target.ToEntry toEntry && toEntry.entry().resource() instanceof Patient) {
                found.add(custody.get(toEntry.entry()).id());
            } else if (target instanceof Target.ToIndexed indexed && indexed.type().equals("Patient")
                    && !indexed.record().custody().directory()) {
                found.add(indexed.record().custody().id());
            }
        }
        return found;
    }

    private boolean pointsAtPatient(Reference reference) {
        Target target = targets.get(reference);
        return target instanceof Target.ToEntry toEntry && toEntry.entry().resource() instanceof Patient
                || target instanceof Target.ToIndexed indexed && indexed.type().equals("Patient");
    }

    private Optional<Custody> inheritedCustody(IngestEntry entry) {
        for (Reference reference : references(entry.resource())) {
            Target target = targets.get(reference);
            if (target instanceof Target.ToEntry toEntry) {
                Custody other = custody.get(toEntry.entry());
                if (other != null && !other.directory()) {
                    return Optional.of(other);
                }
            } else if (target instanceof Target.ToIndexed indexed && !indexed.record().custody().directory()) {
                return Optional.of(indexed.record().custody());
            }
        }
        for (Map.Entry<Reference, Target> pointer : targets.entrySet()) {
            if (pointer.getValue() instanceof Target.ToEntry toEntry && toEntry.entry() == entry) {
                IngestEntry from = owner(pointer.getKey());
                Custody other = from == null ? null : custody.get(from);
                if (other != null && !other.directory()) {
                    return Optional.of(other);
                }
            }
        }
        return Optional.empty();
    }

    private final Map<Reference, IngestEntry> owners = new IdentityHashMap<>();

    private IngestEntry owner(Reference reference) {
        if (owners.isEmpty()) {
            for (IngestEntry entry : entries) {
                for (Reference own : references(entry.resource())) {
                    owners.put(own, entry);
                }
            }
        }
        return owners.get(reference);
    }
}
