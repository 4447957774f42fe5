package org.azukari.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void bundles_warmBothPassesAndEachTypeSourcesSendMost() {
        List<Bundle> bundles = WarmUp.bundles();

        assertThat(resourcesOf(bundles.get(0))).allSatisfy(resource -> assertThat(resource.getMeta().getProfile())
                .anySatisfy(profile -> assertThat(profile.getValue()).startsWith("http://jpfhir.jp/fhir/eCS/")));
        assertThat(resourcesOf(bundles.get(1))).allSatisfy(resource -> assertThat(resource.getMeta().hasProfile()).isFalse());
        assertThat(resourcesOf(bundles.get(1)).stream().map(Resource::fhirType)).contains("Patient", "Observation",
                "Condition", "MedicationRequest", "Organization", "Practitioner", "Encounter", "Procedure",
                "Immunization", "DiagnosticReport", "Claim", "ExplanationOfBenefit");
    }

    private static List<Resource> resourcesOf(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }
}
