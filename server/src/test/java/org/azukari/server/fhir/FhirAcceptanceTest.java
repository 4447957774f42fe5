package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Valid FHIR R4 that a plain HAPI JPA server takes in, in the shapes public US Core, CARIN, Da
 * Vinci and JP Core data come in (small fixtures of our own): stored, with what the validator
 * or the parser found returned as warnings on the entry's {@code response.outcome}, and counted
 * per source for the operator. A strict source is still refused a profile error.
 */
class FhirAcceptanceTest extends RealIdentityWorld {

    static final Path SHAPES = Path.of("../fhir-gateway/src/test/resources/real-world-shapes");
    static final String MRN = "urn:example:acceptance-mrn";
    static final ObjectMapper JSON = new ObjectMapper();

    private static SystemClient feed;
    private static SystemClient strictFeed;

    @Autowired
    TrustBank bank;

    @BeforeEach
    void registerSource() throws Exception {
        if (feed == null) {
            String suffix = world().suffix();
            feed = registerSourceFeed("accfeed-" + suffix, world().hospital());
            OrganisationId strict = new OrganisationId(FhirIngestTest.STRICT_HOSPITAL);
            if (organisations.findOrganisation(strict).isEmpty()) {
                organisations.registerOrganisation(new Organisation(strict, OrganisationKind.HOSPITAL, "Strict hospital",
                        Set.of(new org.azukari.consent.api.Purpose("treatment"))));
            }
            strictFeed = registerSourceFeed("accstrict-" + suffix, strict);
        }
    }

    ResidentId resident() {
        return world().people().get("resident-a").resident().orElseThrow();
    }

    /** A Patient of resident A under a new MRN, and its id for the fixtures' {@code Patient/pat-015}. */
    String enrolledPatient() {
        String mrn = "acc-" + UUID.randomUUID();
        people.linkEnrolment(new EnrolmentLink(resident(), world().hospital(), MRN, mrn));
        return mrn;
    }

    static String patient(String id) {
        return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"identifier\":[{\"system\":\"" + MRN
                + "\",\"value\":\"" + id + "\"}]}";
    }

    static String shape(String file, String patientId) throws IOException {
        return Files.readString(SHAPES.resolve(file), StandardCharsets.UTF_8).replace("pat-015", patientId)
                .replace("obs015", "obs-" + patientId).replace("rx-021", "rx-" + patientId);
    }

    static String transaction(String... resources) {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < resources.length; i++) {
            String type = resources[i].replaceAll("(?s).*?\"resourceType\"\\s*:\\s*\"([A-Za-z]+)\".*", "$1");
            String id = resources[i].replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            bundle.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"urn:uuid:").append(UUID.randomUUID())
                    .append("\",\"resource\":").append(resources[i])
                    .append(",\"request\":{\"method\":\"PUT\",\"url\":\"").append(type).append("/").append(id)
                    .append("\"}}");
        }
        return bundle.append("]}").toString();
    }

    RawHttp.Response push(String body, SystemClient client) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", body,
                bearer(accessToken(client, "system/*.cu")));
    }

    static JsonNode entry(RawHttp.Response answer, int index) throws IOException {
        return JSON.readTree(answer.body()).path("entry").get(index).path("response");
    }

    static String warningsOf(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode issue : response.path("outcome").path("issue")) {
            assertThat(issue.path("severity").asText()).as(issue.toString()).isEqualTo("warning");
            text.append(issue).append('\n');
        }
        return text.toString();
    }

    long stored(String type) {
        return bank.list(resident()).stream().filter(r -> r.type().value().equals(type)).count();
    }

    @Test
    void aVitalSignOverAFullPrecisionPeriod_isStored_andVs1ComesBackAsAWarningOnItsEntry() throws Exception {
        String id = enrolledPatient();
        long before = stored("Observation");

        RawHttp.Response answer = push(transaction(patient(id), shape("vital-sign-over-a-period.json", id)), feed);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(entry(answer, 1).path("status").asText()).startsWith("201");
        assertThat(warningsOf(entry(answer, 1))).contains("vs-1");
        assertThat(stored("Observation")).isEqualTo(before + 1);
    }

    @Test
    void aCrossVersionExtension_isStoredWithIt_andTheValidatorsVersionFindingComesBackAsAWarning() throws Exception {
        String id = enrolledPatient();

        RawHttp.Response answer = push(transaction(patient(id), shape("prescription-with-r5-extension.json", id)), feed);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(entry(answer, 1).path("status").asText()).startsWith("201");
        assertThat(warningsOf(entry(answer, 1))).contains("Extension_EXT_Version_Invalid").contains("5.0");
        String location = entry(answer, 1).path("location").asText();
        String content = bank.read(resident(), new org.azukari.trustbank.api.RecordId(
                location.split("/")[1])).content().plaintextUtf8();
        assertThat(content).contains("http://hl7.org/fhir/5.0/StructureDefinition/extension-MedicationRequest");
    }

    @Test
    void aTransactionWithRelativeFullUrls_isStored_withItsReferencesResolved() throws Exception {
        String id = enrolledPatient();
        String body = shape("relative-full-urls.json", id).replace("MRN-015", id).replace("urn:example:mrn", MRN);

        RawHttp.Response answer = push(body, feed);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String patientLocation = entry(answer, 0).path("location").asText();
        assertThat(entry(answer, 1).path("status").asText()).startsWith("201");
        assertThat(answer.body()).contains("BUNDLE_ENTRY_URL_ABSOLUTE");
        String observation = bank.read(resident(), new org.azukari.trustbank.api.RecordId(
                entry(answer, 1).path("location").asText().split("/")[1])).content().plaintextUtf8();
        assertThat(observation).contains("\"Patient/" + patientLocation.split("/")[1] + "\"");
    }

    @Test
    void typesTheTableDoesNotName_areStoredAsMedicalData_notRefusedWithFG0302() throws Exception {
        String id = enrolledPatient();
        String subject = "{\"reference\":\"Patient/" + id + "\"}";
        String body = transaction(patient(id),
                "{\"resourceType\":\"DeviceRequest\",\"id\":\"dr-" + id + "\",\"status\":\"active\",\"intent\":\"order\","
                        + "\"codeCodeableConcept\":{\"text\":\"wheelchair\"},\"subject\":" + subject + "}",
                "{\"resourceType\":\"Task\",\"id\":\"t-" + id + "\",\"status\":\"requested\",\"intent\":\"order\","
                        + "\"for\":" + subject + "}",
                "{\"resourceType\":\"NutritionOrder\",\"id\":\"n-" + id + "\",\"status\":\"active\",\"intent\":\"order\","
                        + "\"patient\":" + subject + ",\"dateTime\":\"2024-05-01\"}",
                "{\"resourceType\":\"VisionPrescription\",\"id\":\"v-" + id + "\",\"status\":\"active\","
                        + "\"created\":\"2024-05-01\",\"patient\":" + subject + ",\"dateWritten\":\"2024-05-01\","
                        + "\"prescriber\":{\"display\":\"Dr Eye\"},\"lensSpecification\":[{\"product\":{\"text\":\"lens\"},"
                        + "\"eye\":\"right\"}]}",
                "{\"resourceType\":\"CommunicationRequest\",\"id\":\"c-" + id + "\",\"status\":\"active\","
                        + "\"subject\":" + subject + "}",
                "{\"resourceType\":\"AdverseEvent\",\"id\":\"a-" + id + "\",\"actuality\":\"actual\","
                        + "\"subject\":" + subject + "}");

        RawHttp.Response answer = push(body, feed);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("FG-0302").doesNotContain("\"status\":\"4");
        for (String type : new String[] {"DeviceRequest", "Task", "NutritionOrder", "VisionPrescription",
                "CommunicationRequest", "AdverseEvent"}) {
            assertThat(bank.list(resident()).stream().filter(r -> r.type().value().equals(type))
                    .map(StoredRecord::category)).as(type).isNotEmpty().containsOnly(DataCategory.MEDICAL);
        }
    }

    @Test
    void anElementR4DoesNotDefine_isDroppedWithAWarningOnItsEntry_FG0214() throws Exception {
        String id = enrolledPatient();
        String observation = "{\"resourceType\":\"Observation\",\"id\":\"o-" + id + "\",\"status\":\"final\","
                + "\"code\":{\"text\":\"weight\"},\"subject\":{\"reference\":\"Patient/" + id + "\"},"
                + "\"triggeredBy\":[{\"observation\":{\"reference\":\"Observation/x\"},\"type\":\"reflex\"}],"
                + "\"valueQuantity\":{\"value\":60,\"unit\":\"kg\"}}";

        RawHttp.Response answer = push(transaction(patient(id), observation), feed);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(entry(answer, 0).path("outcome").isMissingNode()).as("the Patient had nothing dropped").isTrue();
        assertThat(warningsOf(entry(answer, 1))).contains("FG-0214").contains("triggeredBy")
                .contains("Bundle.entry[1].resource");
        String stored = bank.read(resident(), new org.azukari.trustbank.api.RecordId(
                entry(answer, 1).path("location").asText().split("/")[1])).content().plaintextUtf8();
        assertThat(stored).doesNotContain("triggeredBy");
    }

    @Test
    void theOperator_seesTheSourcesWarningCounts_byCodeAndType_andTheClassificationDefaults() throws Exception {
        String id = enrolledPatient();
        push(transaction(patient(id), shape("vital-sign-over-a-period.json", id)), feed);
        String session = signIn("operator");

        RawHttp.Response counts = http.get("/api/operator/organisations/" + world().hospital().value()
                + "/ingest-warnings", cookie(session));
        RawHttp.Response rules = http.get("/api/operator/classification", cookie(session));

        assertThat(counts.status()).as(counts.body()).isEqualTo(200);
        assertThat(counts.body()).contains("\"code\":\"http://hl7.org/fhir/StructureDefinition/vitalsigns#vs-1\"")
                .contains("\"resourceType\":\"Observation\"").doesNotContain(id).doesNotContain("72");
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.body()).contains("{\"resourceType\":\"*\",\"condition\":\"*\",\"outcome\":\"MEDICAL\","
                + "\"subcategory\":\"other\",\"isDefault\":true}");
        assertThat(http.get("/api/operator/organisations/no-such-org/ingest-warnings", cookie(session)).status())
                .isEqualTo(404);
    }

    @Test
    void aStrictSource_isStillRefusedAProfileError_whateverItsOtherWarnings() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode resource = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(FhirIngestTest.JP_CLINS.resolve(FhirIngestTest.BROKEN_MEDICATION_REQUEST).toFile());
        resource.withArray("extension").addObject().put("url",
                "http://hl7.org/fhir/5.0/StructureDefinition/extension-MedicationRequest.renderedDosageInstruction")
                .put("valueMarkdown", "two drops");
        String broken = JSON.writeValueAsString(resource);

        RawHttp.Response answer = http.send("POST", "/fhir/MedicationRequest", "application/fhir+json", broken,
                bearer(accessToken(strictFeed, "system/*.cu")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("needs-anyOfStandardCode-medication");
    }
}
