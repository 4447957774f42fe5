package org.azukari.fhir.ingest;

import java.math.BigDecimal;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Small FHIR inputs for the ingest tests, built as a hospital's feed would send them. */
final class Inputs {

    static final String MRN = "urn:oid:1.2.392.100495.20.3.51.11318814790";
    static final String INSURANCE = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
    /** What Synthea gives every ExplanationOfBenefit (and this test every Claim). */
    static final String CLAIM_GROUP = "https://bluebutton.cms.gov/resources/identifier/claim-group";
    static final String SHARED_CLAIM_GROUP = "99999999999";

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

    static Inputs transaction() {
        return new Inputs();
    }

    static Patient patient(String id, String... systemValuePairs) {
        Patient patient = new Patient();
        patient.setId(id);
        for (int i = 0; i < systemValuePairs.length; i += 2) {
            patient.addIdentifier().setSystem(systemValuePairs[i]).setValue(systemValuePairs[i + 1]);
        }
        return patient;
    }

    static Observation observation(String id, Reference subject, String text) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        observation.setId(id);
        observation.getCode().setText(text);
        observation.setSubject(subject);
        return observation;
    }

    /** A claim carrying the claim group every resident's claims share. */
    static Claim claim(String id, Reference patient, int amount) {
        Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM);
        claim.setId(id);
        claim.addIdentifier().setSystem(CLAIM_GROUP).setValue(SHARED_CLAIM_GROUP);
        claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("institutional");
        claim.setPatient(patient);
        claim.setTotal(new Money().setValue(BigDecimal.valueOf(amount)).setCurrency("JPY"));
        return claim;
    }

    /** An explanation of benefit citing a claim, by identifier as Synthea cites practitioners. */
    static ExplanationOfBenefit explanation(String id, Reference patient, Reference claim) {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setId(id);
        eob.addIdentifier().setSystem(CLAIM_GROUP).setValue(SHARED_CLAIM_GROUP);
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE)
                .setUse(ExplanationOfBenefit.Use.CLAIM).setOutcome(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
        eob.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("institutional");
        eob.setPatient(patient);
        eob.setClaim(claim);
        return eob;
    }

    static Reference claimGroup() {
        return new Reference("Claim?identifier=" + CLAIM_GROUP + "|" + SHARED_CLAIM_GROUP);
    }

    /** Adds the resource as a PUT of its own id (so that it has a stable source id), with a urn:uuid fullUrl. */
    Inputs put(Resource resource) {
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        return this;
    }

    /** Adds a POST with a conditional create on the resource's first identifier. */
    Inputs postIfNoneExist(Resource resource, String system, String value) {
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType())
                .setIfNoneExist("identifier=" + system + "|" + value);
        return this;
    }

    Bundle bundle() {
        return bundle;
    }

    String json() {
        return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
    }
}
