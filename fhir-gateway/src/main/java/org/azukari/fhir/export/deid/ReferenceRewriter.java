package org.azukari.fhir.export.deid;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * What a reference becomes: the patient (by literal, by type, or given only by identifier in the
 * element that names the record's patient) becomes {@code Patient/<pseudonym>}; another exported
 * record of the same person its new id; anything else only its type. Identifier and display
 * always go. The type comes from the literal, else the {@code type} element, else the element's
 * declaration when it allows one type only ({@code ExplanationOfBenefit.insurer} is
 * {@code Reference(Organization)}), so a required reference given only by an insurer number still
 * says what it points to.
 *
 * <p>A reference with neither literal nor type, only an identifier, in {@code subject},
 * {@code patient} or {@code beneficiary} is the patient: the ingest linked the record to the
 * resident through exactly that identifier (the same rule, {@code IngestPlan}), so it keeps its
 * link to the person like a literal reference does.
 */
final class ReferenceRewriter {

    private static final Pattern SINGLE_TARGET = Pattern.compile("Reference\\((\\w+)\\)");
    /** The elements whose identifier-only reference the ingest takes as the record's patient. */
    private static final Set<String> PATIENT_ELEMENTS = Set.of("subject", "patient", "beneficiary");

    private final Set<String> resourceTypes = FhirContext.forR4Cached().getResourceTypes();

    /** {@code element}: the name of the element holding the reference ({@code subject}, {@code performer}). */
    void rewrite(Reference reference, String element, String declaredType, ResourceScrubber.Person person) {
        String literal = reference.getReference();
        IdType target = literal == null || literal.startsWith("#") ? null : new IdType(literal);
        boolean patientByIdentifier = literal == null && !reference.hasType() && reference.hasIdentifier()
                && PATIENT_ELEMENTS.contains(element);
        String type = target != null && target.hasResourceType() ? target.getResourceType()
                : patientByIdentifier ? "Patient"
                : Optional.ofNullable(reference.getType()).orElse(singleTarget(declaredType));
        String kept = null;
        if ("Patient".equals(type)) {
            kept = "Patient/" + person.pseudonym().value();
        } else if (target != null && target.hasIdPart()) {
            String newId = person.recordIds().get(type + "/" + target.getIdPart());
            kept = newId == null ? null : type + "/" + newId;
        }
        ResourceScrubber.erase(reference);
        reference.setResource(null);
        reference.setReference(kept);
        if (type != null && resourceTypes.contains(type)) {
            reference.setType(type);
        }
    }

    private static String singleTarget(String declaredType) {
        if (declaredType == null) {
            return null;
        }
        Matcher matcher = SINGLE_TARGET.matcher(declaredType);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
