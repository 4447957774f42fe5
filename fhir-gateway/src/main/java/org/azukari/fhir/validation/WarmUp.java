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
 * Made-up Bundles of the kinds of resource the bank receives most: one whose resources declare
 * their JP-CLINS profiles (both passes), one whose resources declare none (the base pass alone, as
 * for Synthea's or most hospitals' data). Validating the first once loads, snapshots and compiles
 * what those profiles need; validating both {@link #ROUNDS} times lets the JIT compile the
 * validator's hot paths, so that the first real request is not several times slower than the next
 * ones (issue 16: within 2x). Whether they are valid does not matter.
 */
final class WarmUp {

    private static final String CLINS = "http://jpfhir.jp/fhir/eCS/StructureDefinition/";

    /** Enough for the JIT to compile the validator's hot paths (measured: docs/ingest-performance.md). */
    static final int ROUNDS = 10;

    private WarmUp() {}

    /**
     * The types hospitals and Synthea send most: the first validation of a type loads and converts
     * its definition, so each is in the warm-up, if only empty.
     */
    private static final java.util.List<String> COMMON_TYPES = java.util.List.of("Organization", "Location",
            "Practitioner", "PractitionerRole", "Encounter", "Procedure", "Medication", "MedicationAdministration",
            "Immunization", "DiagnosticReport", "DocumentReference", "Claim", "ExplanationOfBenefit", "CarePlan",
            "CareTeam", "Goal", "AllergyIntolerance", "ImagingStudy", "Device", "SupplyDelivery", "Provenance",
            "Composition", "Coverage", "ServiceRequest", "Specimen");

    static java.util.List<Bundle> bundles() {
        Bundle plain = bundle();
        plain.getEntry().forEach(entry -> entry.getResource().getMeta().getProfile().clear());
        ca.uhn.fhir.context.FhirContext fhir = ca.uhn.fhir.context.FhirContext.forR4Cached();
        int number = plain.getEntry().size();
        for (String type : COMMON_TYPES) {
            Resource empty = (Resource) fhir.getResourceDefinition(type).newInstance();
            plain.addEntry().setFullUrl("urn:uuid:00000000-0000-4000-8000-" + String.format("%012d", ++number))
                    .setResource(empty);
        }
        return java.util.List.of(bundle(), plain);
    }

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
