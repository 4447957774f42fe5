package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class RedactionTest {

    final Pseudonyms pseudonyms = new Pseudonyms("k1".repeat(16).getBytes(StandardCharsets.UTF_8),
            "k2".repeat(16).getBytes(StandardCharsets.UTF_8));
    final RecipientPseudonym patient = new RecipientPseudonym("p".repeat(26).replace('p', 'q'));

    Observation observation() {
        Observation observation = new Observation();
        observation.setId("Observation/bank-obs-1");
        observation.getMeta().setSource("urn:azukari:source:hospital#src-77");
        observation.addIdentifier().setSystem("urn:x:accession").setValue("ACC-12345");
        observation.setSubject(new Reference("Patient/bank-patient").setDisplay("Yamada Hanako"));
        observation.setEncounter(new Reference("Encounter/bank-enc-9"));
        observation.addPerformer(new Reference().setType("Practitioner").setIdentifier(
                new org.hl7.fhir.r4.model.Identifier().setSystem("urn:x:license").setValue("LIC-1")));
        return observation;
    }

    String redactedFor(String recipient) {
        Observation observation = observation();
        new Redaction().redact(observation, new RecipientNames(recipient, patient, pseudonyms));
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(observation);
    }

    @Test
    void theRecordAndWhatItCites_areRenamedForTheRecipient_andDifferForAnother() {
        String forClinic1 = redactedFor("clinic-1");
        String forClinic2 = redactedFor("clinic-2");

        String ownId = pseudonyms.recordId("clinic-1", "Observation", "bank-obs-1");
        String ownEncounter = pseudonyms.recordId("clinic-1", "Encounter", "bank-enc-9");
        assertThat(forClinic1).contains("\"id\":\"" + ownId + "\"").contains("Encounter/" + ownEncounter)
                .contains("Patient/" + patient.value());
        assertThat(forClinic2).doesNotContain(ownId).doesNotContain(ownEncounter);
        assertThat(ownId).isNotEqualTo(pseudonyms.recordId("clinic-2", "Observation", "bank-obs-1")).hasSize(26);
    }

    @Test
    void sourceIdsIdentifiersAndNamesOnPatientReferences_neverLeave() {
        String released = redactedFor("clinic-1");

        assertThat(released).doesNotContain("bank-").doesNotContain("src-77").doesNotContain("ACC-12345")
                .doesNotContain("LIC-1").doesNotContain("Yamada").doesNotContain("urn:azukari:source");
    }
}
