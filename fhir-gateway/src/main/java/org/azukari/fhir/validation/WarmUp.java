package org.azukari.fhir.validation;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A made-up Bundle of the kinds of resource the bank receives most, each declaring its JP-CLINS
 * profile. Validating it once loads, snapshots and compiles what those profiles need, so the
 * first real request does not pay for it. Whether it is valid does not matter.
 */
final class WarmUp {

    private static final String CLINS = "http://jpfhir.jp/fhir/eCS/StructureDefinition/";

    private WarmUp() {}

    static Bundle bundle() {
        Patient patient = new Patient().setGender(AdministrativeGender.OTHER);
        patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.1").setValue("0");
        Reference subject = new Reference("urn:uuid:00000000-0000-4000-8000-000000000001");

        Observation observation = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept().setText("warm-up"))
                .setSubject(subject);
        MedicationRequest prescription = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(new CodeableConcept().setText("warm-up"))
                .setSubject(subject);
        Condition condition = new Condition().setCode(new CodeableConcept().setText("warm-up")).setSubject(subject);

        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        add(bundle, 1, patient, "JP_Patient_eCS");
        add(bundle, 2, observation, "JP_Observation_LabResult_eCS");
        add(bundle, 3, prescription, "JP_MedicationRequest_eCS");
        add(bundle, 4, condition, "JP_Condition_eCS");
        return bundle;
    }

    private static void add(Bundle bundle, int number, Resource resource, String profile) {
        resource.getMeta().addProfile(CLINS + profile);
        bundle.addEntry().setFullUrl("urn:uuid:00000000-0000-4000-8000-00000000000" + number).setResource(resource);
    }
}
