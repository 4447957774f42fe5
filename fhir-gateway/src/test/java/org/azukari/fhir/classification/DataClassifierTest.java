package org.azukari.fhir.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.azukari.consent.api.DataCategory;
import org.azukari.identity.api.OrganisationKind;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

class DataClassifierTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final DataClassifier classifier = DataClassifier.standard();

    private static Resource example(String file) throws IOException {
        try (InputStream in = DataClassifierTest.class.getResourceAsStream("/jp-core-examples/" + file)) {
            return (Resource) FHIR.newJsonParser().parseResource(in);
        }
    }

    private static List<Path> allExamples() throws IOException, URISyntaxException {
        Path dir = Path.of(DataClassifierTest.class.getResource("/jp-core-examples").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyJpCoreExample_isTakenIn_asARecordOrASupportingResource() throws Exception {
        List<Path> examples = allExamples();
        assertThat(examples).hasSizeGreaterThan(40);
        for (Path file : examples) {
            Classification classification = classifier.classify(example(file.getFileName().toString()),
                    OrganisationKind.HOSPITAL);
            assertThat(classification).as(file.getFileName().toString())
                    .isInstanceOfAny(Classification.Categorised.class, Classification.Supporting.class);
        }
    }

    @Test
    void observations_getTheirSubcategoryFromTheirCategoryCoding() throws Exception {
        assertThat(classifier.classify(example("Observation-jp-observation-labresult-example-1.json"),
                OrganisationKind.HOSPITAL)).isEqualTo(new Classification.Categorised(DataCategory.MEDICAL, "laboratory"));
        assertThat(classifier.classify(example("Observation-jp-observation-vitalsigns-example-1.json"),
                OrganisationKind.CLINIC)).isEqualTo(new Classification.Categorised(DataCategory.MEDICAL, "vital-signs"));
    }

    @Test
    void insuranceCoverage_isPaymentData_andThePatientIsSupporting() throws Exception {
        assertThat(classifier.classify(example("Coverage-jp-coverage-example-1.json"), OrganisationKind.HOSPITAL))
                .isEqualTo(new Classification.Categorised(DataCategory.PAYMENT, "coverage"));
        assertThat(classifier.classify(example("Patient-jp-patient-example-1.json"), OrganisationKind.HOSPITAL))
                .isInstanceOf(Classification.Supporting.class);
    }

    @Test
    void aCarePlan_isCareDataFromACareProvider_andMedicalFromAHospital() {
        CarePlan plan = new CarePlan();

        assertThat(classifier.classify(plan, OrganisationKind.CARE_PROVIDER))
                .isEqualTo(new Classification.Categorised(DataCategory.CARE, "care-plan"));
        assertThat(classifier.classify(plan, OrganisationKind.HOSPITAL))
                .isEqualTo(new Classification.Categorised(DataCategory.MEDICAL, "care-plan"));
    }

    @Test
    void conformanceResources_areRefused_andTypesNoRowNames_takeTheDefaultOfTheSourcesKind() {
        assertThat(classifier.classify(new StructureDefinition(), OrganisationKind.HOSPITAL))
                .isEqualTo(new Classification.Refused("StructureDefinition"));
        assertThat(classifier.classify(new org.hl7.fhir.r4.model.Parameters(), OrganisationKind.HOSPITAL))
                .isEqualTo(new Classification.Refused("Parameters"));
        assertThat(classifier.classify(new org.hl7.fhir.r4.model.Task(), OrganisationKind.HOSPITAL))
                .isEqualTo(new Classification.Categorised(DataCategory.MEDICAL, "other"));
        assertThat(classifier.classify(new org.hl7.fhir.r4.model.DeviceRequest(), OrganisationKind.WELLNESS_SERVICE))
                .isEqualTo(new Classification.Categorised(DataCategory.MEDICAL, "other"));
        assertThat(classifier.classify(new org.hl7.fhir.r4.model.NutritionOrder(), OrganisationKind.CARE_PROVIDER))
                .isEqualTo(new Classification.Categorised(DataCategory.CARE, "other"));
        assertThat(classifier.classify(new org.hl7.fhir.r4.model.Basic(), OrganisationKind.PAYMENT_PROVIDER))
                .isEqualTo(new Classification.Categorised(DataCategory.PAYMENT, "other"));
    }

    @Test
    void aBundle_isNeverARecord_evenWithTheDefaults() {
        assertThat(classifier.classify(new org.hl7.fhir.r4.model.Bundle(), OrganisationKind.HOSPITAL))
                .isEqualTo(new Classification.Unclassified("Bundle"));
        assertThat(classifier.storableTypes()).doesNotContain("Bundle");
    }

    @Test
    void everyR4TypeButConformanceAndBundle_isStorable_andReleasable_underTheDefault() {
        java.util.Set<String> r4 = FHIR.getResourceTypes();

        for (String type : r4) {
            if (type.equals("Bundle") || classifier.refusedTypes().contains(type)) {
                continue;
            }
            assertThat(classifier.storableTypes()).as(type).contains(type);
        }
        assertThat(classifier.categorisedTypes()).contains("DeviceRequest", "Task", "NutritionOrder",
                "VisionPrescription", "CommunicationRequest", "AdverseEvent").doesNotContain("Patient", "Bundle");
        assertThat(classifier.refusedTypes()).contains("StructureDefinition", "Consent", "Parameters")
                .doesNotContain("Task");
    }

    @Test
    void subcategories_ofAnUnlistedType_areOther_andANamedTypeDoesNotReachTheDefault() {
        assertThat(classifier.subcategories("Task", DataCategory.MEDICAL)).containsExactly("other");
        assertThat(classifier.subcategories("Task", DataCategory.CARE)).containsExactly("other");
        assertThat(classifier.subcategories("Condition", DataCategory.MEDICAL)).containsExactly("diagnosis");
        assertThat(classifier.subcategories("Observation", DataCategory.MEDICAL)).doesNotContain("other");
        assertThat(classifier.subcategories("Patient", DataCategory.MEDICAL)).isEmpty();
    }

    @Test
    void theDefaults_areRulesTheOperatorCanRead() {
        assertThat(classifier.defaults()).extracting(DataClassifier.Rule::condition, DataClassifier.Rule::outcome,
                DataClassifier.Rule::subcategory).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("source=CARE_PROVIDER", "CARE", "other"),
                        org.assertj.core.groups.Tuple.tuple("source=PAYMENT_PROVIDER", "PAYMENT", "other"),
                        org.assertj.core.groups.Tuple.tuple("*", "MEDICAL", "other"));
    }

    @Test
    void malformedRules_failAtStart() {
        assertThatThrownBy(() -> DataClassifier.fromRules(new StringReader("Claim,*,MONEY,claim\n")))
                .hasMessageContaining("FG-0002");
        assertThatThrownBy(() -> DataClassifier.fromRules(new StringReader("Claim,source=BANK,PAYMENT,claim\n")))
                .hasMessageContaining("FG-0002");
        assertThatThrownBy(() -> DataClassifier.fromRules(new StringReader("Claim,*,PAYMENT,\n")))
                .hasMessageContaining("FG-0002");
    }
}
