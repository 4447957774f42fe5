package org.azukari.fhir.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a recipient never sees, removed from every released resource (and what it contains):
 * {@code meta.source} (the source's own ids), narratives (a source's text may name its MRN),
 * every patient reference's identifier and display (rewritten to the recipient's pseudonym),
 * Patient identifiers (MRNs, insurance member ids), and any identifier that looks like a
 * My Number (12 digits, or a My Number system).
 */
final class Redaction {

    private static final Pattern MY_NUMBER_VALUE = Pattern.compile("\\s*\\d{4}\\s*-?\\s*\\d{4}\\s*-?\\s*\\d{4}\\s*");
    private static final Pattern MY_NUMBER_SYSTEM = Pattern.compile("(?i).*(my-?number|mynumber|kojin-?bango).*");

    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

    /** Redacts {@code resource} in place for a recipient who names the resident {@code pseudonym}. */
    void redact(Resource resource, RecipientPseudonym pseudonym) {
        strip(resource);
        if (resource instanceof DomainResource domain) {
            domain.getContained().forEach(this::strip);
        }
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String literal = reference.getReference();
            boolean toPatient = (literal != null && literal.startsWith("Patient/"))
                    || "Patient".equals(reference.getType())
                    || (literal == null && reference.hasIdentifier());
            if (toPatient) {
                reference.setReference("Patient/" + pseudonym.value()).setIdentifier(null).setDisplay(null);
            }
        }
        for (Identifier identifier : terser.getAllPopulatedChildElementsOfType(resource, Identifier.class)) {
            if (looksLikeMyNumber(identifier)) {
                erase(identifier);
            }
        }
    }

    private void strip(Resource resource) {
        if (resource.hasMeta()) {
            resource.getMeta().setSource(null);
        }
        if (resource instanceof DomainResource domain) {
            domain.setText(null);
        }
        if (resource instanceof Patient patient) {
            patient.setIdentifier(null);
            patient.setLink(null);
        }
    }

    static boolean looksLikeMyNumber(Identifier identifier) {
        return (identifier.hasValue() && MY_NUMBER_VALUE.matcher(identifier.getValue()).matches())
                || (identifier.hasSystem() && MY_NUMBER_SYSTEM.matcher(identifier.getSystem()).matches());
    }

    private static void erase(Identifier identifier) {
        identifier.setValue(null).setSystem(null).setType(null).setAssigner(null).setPeriod(null).setUse(null);
    }
}
