package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.ingest.IngestPlan.Target;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What each reference of an input points at: an entry of the input (by fullUrl, or by
 * {@code Type/id}), a resource the source sent before (a relative reference, or a {@code urn:uuid}
 * it used in an earlier Bundle), or, by identifier, whatever {@link ConditionalReferences} binds.
 * A reference by identifier only that names a patient links the resource to the enrolled
 * resident. Contained and absolute references to other servers are left as they are; anything
 * else that resolves to nothing refuses the input (FG-0304, FG-0305).
 */
final class ReferenceResolution {

    private static final Set<String> PATIENT_ELEMENTS = Set.of("subject", "patient", "beneficiary");

    private final FhirTerser terser;
    private final OrganisationId source;
    private final SourceIndex index;
    private final EnrolmentMatch enrolments;
    private final ConditionalReferences conditionals;
    private final Map<String, IngestEntry> byFullUrl;
    private final Map<String, IngestEntry> byTypeAndId;
    private final Map<Reference, Target> targets;
    private final Map<Reference, String> elementNames = new IdentityHashMap<>();
    private final Map<IngestEntry, Set<ResidentId>> logicalPatients = new HashMap<>();
    private final Map<IngestEntry, List<String>> unmatchedLogical = new HashMap<>();

    ReferenceResolution(FhirTerser terser, OrganisationId source, SourceIndex index, EnrolmentMatch enrolments,
                        ConditionalReferences conditionals, Map<String, IngestEntry> byFullUrl,
                        Map<String, IngestEntry> byTypeAndId, Map<Reference, Target> targets) {
        this.terser = terser;
        this.source = source;
        this.index = index;
        this.enrolments = enrolments;
        this.conditionals = conditionals;
        this.byFullUrl = byFullUrl;
        this.byTypeAndId = byTypeAndId;
        this.targets = targets;
    }

    void resolve(IngestEntry entry, List<Reference> references) {
        nameReferences(entry.resource());
        for (Reference reference : references) {
            resolveReference(entry, reference);
        }
    }

    /** The residents the entry's references by identifier only name as its patient. */
    Set<ResidentId> logicalPatients(IngestEntry entry) {
        return logicalPatients.getOrDefault(entry, Set.of());
    }

    /** The {@code system|value}s of the entry's references by identifier only that name no enrolled resident. */
    Optional<List<String>> unmatchedLogical(IngestEntry entry) {
        return Optional.ofNullable(unmatchedLogical.get(entry));
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
            Optional<IndexedRecord> sentBefore = IngestPlan.URN_UUID.matcher(text).matches()
                    ? index.find(source, SourceRef.urn(text.substring("urn:uuid:".length()))) : Optional.empty();
            targets.put(reference, sentBefore.<Target>map(found -> new Target.ToIndexed(found.resourceType(), found))
                    .orElseThrow(() -> refuse(UNPROCESSABLE, FhirGatewayError.FG_0305, IssueType.NOTFOUND, "reference " + text
                            + " names neither an entry of this input nor a resource this source sent before", at)));
            return;
        }
        Matcher conditional = IngestPlan.CONDITIONAL.matcher(text);
        if (conditional.matches()) {
            conditionals.resolve(entry, reference, conditional.group(1), conditional.group(2), at)
                    .ifPresent(target -> targets.put(reference, target));
            return;
        }
        Matcher relative = IngestPlan.RELATIVE.matcher(text);
        if (!relative.matches()) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0304, IssueType.INVALID, "malformed reference", at);
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
                .orElseThrow(() -> refuse(UNPROCESSABLE, FhirGatewayError.FG_0305, IssueType.NOTFOUND, "reference " + text
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
        terser.visit(resource, new IModelVisitor2() {
            @Override
            public boolean acceptElement(IBase element, List<IBase> containingPath,
                                         List<BaseRuntimeChildDefinition> childPath,
                                         List<BaseRuntimeElementDefinition<?>> elementPath) {
                if (element instanceof Reference reference && !childPath.isEmpty()) {
                    elementNames.put(reference, childPath.get(childPath.size() - 1).getElementName());
                }
                return true;
            }
        });
    }
}
