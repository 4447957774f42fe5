package org.azukari.fhir.export.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** Places a source can put a name or a number that the de-identified copy must not keep. */
class DeidentifierHidingPlacesTest {

    static final String NAME = "Kawaguchi Misaki";
    static final String MRN = "MRN-4242-XYZ";
    static final ResidentId RESIDENT = new ResidentId(UUID.fromString("99999999-2222-3333-4444-555555555555"));

    final Deidentifier deidentifier = new Deidentifier(DeidentificationProfile.defaults().withShift(30),
            SyntheticCohort.pseudonyms(), SyntheticCohort.TODAY);

    String deidentified(Resource... released) {
        return DeidentifierTest.json(deidentifier.deidentify(SyntheticCohort.SERVICE, RESIDENT, List.of(released)));
    }

    static Observation observation() {
        Observation observation = new Observation();
        observation.setId("obs-1");
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "29463-7", null)));
        return observation;
    }

    @Test
    void extensionOnAPrimitive_isDropped() {
        Observation observation = observation();
        observation.getStatusElement().addExtension("http://hospital.example/ext/by", new StringType(NAME));
        observation.getCode().getCodingFirstRep().addExtension("http://hospital.example/ext/mrn",
                new Identifier().setValue(MRN));

        String json = deidentified(observation);

        assertThat(json).doesNotContain(NAME, MRN, "hospital.example").contains("\"status\":\"final\"");
    }

    @Test
    void elementIdsCarryingText_areDropped() {
        Observation observation = observation();
        observation.getCode().getCodingFirstRep().setId(MRN);

        assertThat(deidentified(observation)).doesNotContain(MRN);
    }

    @Test
    void containedResource_isDropped() {
        Observation observation = observation();
        Practitioner contained = new Practitioner();
        contained.setId("p1");
        contained.addName().setText(NAME);
        observation.addContained(contained);
        observation.addPerformer(new Reference("#p1"));

        assertThat(deidentified(observation)).doesNotContain(NAME, "contained", "#p1");
    }

    @Test
    void absoluteReferenceToASourceServer_keepsOnlyItsType() {
        Observation observation = observation();
        observation.addPerformer(new Reference("https://hospital.example/fhir/Practitioner/" + MRN));

        String json = deidentified(observation);

        assertThat(json).doesNotContain(MRN, "hospital.example").contains("\"type\":\"Practitioner\"");
    }

    @Test
    void patientReferenceByIdentifierOnly_becomesThePseudonym() {
        Observation observation = observation();
        observation.setSubject(new Reference().setType("Patient").setIdentifier(new Identifier().setValue(MRN))
                .setDisplay(NAME));

        String json = deidentified(observation);

        assertThat(json).doesNotContain(MRN, NAME).contains("Patient/"
                + SyntheticCohort.pseudonyms().pseudonym(SyntheticCohort.SERVICE, RESIDENT).value());
    }

    @Test
    void untypedSubjectGivenOnlyByIdentifier_becomesThePseudonym_asTheIngestLinkedIt() {
        Observation observation = observation();
        observation.setSubject(new Reference().setIdentifier(new Identifier()
                .setSystem("urn:oid:1.2.392.100495.20.3.51.11318814790").setValue(MRN)).setDisplay(NAME));
        observation.addPerformer(new Reference().setIdentifier(new Identifier().setValue("LIC-77")));

        Observation out = DeidentifierTest.first(deidentifier.deidentify(SyntheticCohort.SERVICE, RESIDENT,
                List.of(observation)).resources(), Observation.class);

        assertThat(out.getSubject().getReference()).isEqualTo("Patient/"
                + SyntheticCohort.pseudonyms().pseudonym(SyntheticCohort.SERVICE, RESIDENT).value());
        assertThat(out.getSubject().hasIdentifier() || out.getSubject().hasDisplay()).isFalse();
        assertThat(out.getPerformer()).as("an identifier-only performer is not the patient")
                .allSatisfy(performer -> assertThat(performer.hasReference()).isFalse());
        assertThat(DeidentifierTest.JSON.encodeResourceToString(out)).doesNotContain(MRN, NAME, "LIC-77");
    }

    @Test
    void patientReferenceWhoseIdIsAnMrn_becomesThePseudonym() {
        Observation observation = observation();
        observation.setSubject(new Reference("Patient/" + MRN));

        assertThat(deidentified(observation)).doesNotContain(MRN);
    }

    @Test
    void attachmentsAndConclusionsOfAReport_areDropped() {
        DiagnosticReport report = new DiagnosticReport();
        report.setId("dr-1");
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept(new Coding("http://loinc.org", "24323-8", null)));
        report.setConclusion("Findings for " + NAME);
        report.addPresentedForm(new Attachment().setContentType("text/plain").setTitle(NAME)
                .setUrl("https://hospital.example/docs/" + MRN).setData(NAME.getBytes()));

        String json = deidentified(report);

        assertThat(json).doesNotContain(NAME, MRN, "hospital.example", "presentedForm", "conclusion",
                java.util.Base64.getEncoder().encodeToString(NAME.getBytes()));
    }

    @Test
    void resourceExtensionsAndMetaTags_areDropped() {
        Observation observation = observation();
        observation.addExtension(new Extension("http://hospital.example/ext/ward", new StringType(NAME)));
        observation.getMeta().addTag("http://hospital.example/tags", MRN, NAME);
        observation.setImplicitRules("https://hospital.example/rules/" + MRN);

        assertThat(deidentified(observation)).doesNotContain(NAME, MRN, "hospital.example");
    }

    @Test
    void resourceIdThatIsAnMrn_isReplaced() {
        Observation observation = observation();
        observation.setId(MRN);

        assertThat(deidentified(observation)).doesNotContain(MRN);
    }

    @Test
    void requiredReferenceGivenOnlyByAnInsurerNumber_keepsItsDeclaredTypeAndLosesTheNumber() {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setId("eob-1");
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
        eob.setInsurer(new Reference().setIdentifier(new Identifier().setSystem("urn:oid:1.2.392.100495.20.3.61")
                .setValue("06139999")));

        ExplanationOfBenefit out = DeidentifierTest.first(deidentifier.deidentify(SyntheticCohort.SERVICE, RESIDENT,
                List.of(eob)).resources(), ExplanationOfBenefit.class);

        assertThat(out.getInsurer().getType()).isEqualTo("Organization");
        assertThat(out.getInsurer().hasIdentifier() || out.getInsurer().hasReference()).isFalse();
    }

    @Test
    void patientReferenceByIdentifierOnlyWhereOnlyAPatientFits_becomesThePseudonym() {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setId("eob-1");
        eob.setPatient(new Reference().setIdentifier(new Identifier().setValue(MRN)));

        ExplanationOfBenefit out = DeidentifierTest.first(deidentifier.deidentify(SyntheticCohort.SERVICE, RESIDENT,
                List.of(eob)).resources(), ExplanationOfBenefit.class);

        assertThat(out.getPatient().getReference()).isEqualTo("Patient/"
                + SyntheticCohort.pseudonyms().pseudonym(SyntheticCohort.SERVICE, RESIDENT).value());
    }
}
