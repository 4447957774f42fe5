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
 * and every identifier — MRNs, insurance member ids, the sources' accession and order numbers,
 * a My Number — since each one is a source's numbering that would link the record back to it.
 * The resource's id and every literal reference {@code Type/id} become the recipient's own
 * names ({@link RecipientNames}).
 */
final class Redaction {

    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

    private static final Pattern RELATIVE = Pattern.compile("([A-Z][A-Za-z]{1,63})/([A-Za-z0-9\\-.]{1,64})");

    /** Redacts {@code resource} in place and renames it and what it cites for the recipient {@code names}. */
    void redact(Resource resource, RecipientNames names) {
        strip(resource);
        if (resource instanceof DomainResource domain) {
            domain.getContained().forEach(this::strip);
        }
        if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            resource.setId(resource instanceof Patient ? names.patient().value()
                    : names.recordId(resource.fhirType(), resource.getIdElement().getIdPart()));
        }
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String literal = reference.getReference();
            boolean toPatient = (literal != null && literal.startsWith("Patient/"))
                    || "Patient".equals(reference.getType())
                    || (literal == null && reference.hasIdentifier() && !reference.hasType());
            if (toPatient) {
                reference.setReference("Patient/" + names.patient().value()).setIdentifier(null).setDisplay(null);
                continue;
            }
            java.util.regex.Matcher relative = literal == null ? null : RELATIVE.matcher(literal);
            if (relative != null && relative.matches()) {
                reference.setReference(relative.group(1) + "/" + names.recordId(relative.group(1), relative.group(2)));
            }
        }
        for (Identifier identifier : terser.getAllPopulatedChildElementsOfType(resource, Identifier.class)) {
            erase(identifier);
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

    private static void erase(Identifier identifier) {
        identifier.setValue(null).setSystem(null).setType(null).setAssigner(null).setPeriod(null).setUse(null);
    }
}
