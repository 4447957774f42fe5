package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.LoggedEntry;
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
 * Sources push FHIR to {@code /fhir}: every JP-CLINS and JP Core example goes in (lenient),
 * strict sources are held to their profiles, a transaction is all or nothing, a batch answers
 * per entry, resubmission changes nothing, unknown patients and conformance types are refused.
 */
class FhirIngestTest extends RealIdentityWorld {

    static final Path JP_CLINS = Path.of("../fhir-gateway/src/test/resources/jp-clins-examples");
    static final Path JP_CORE = Path.of("../fhir-gateway/src/test/resources/jp-core-examples");
    static final String MAKINO_HOSPITAL_ID = "urn:oid:1.2.392.100495.20.3.51.11318814790";
    static final String INSURANCE_MEMBER = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
    static final String JP_CORE_PATIENT_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.11311234567";
    static final String BROKEN_MEDICATION_REQUEST = "MedicationRequest-ErrorExample-JP-MedReq-ExtEye-Total1.json";

    /** Per test JVM: the source feeds and enrolment links the tests share. */
    private static Sources sources;

    record Sources(SystemClient lenient, SystemClient strict, OrganisationId strictOrganisation) {
    }

    @Autowired
    TrustBank bank;

    @Autowired
    AccessLogSearch accessLogSearch;

    @BeforeEach
    void registerSources() throws Exception {
        if (sources == null) {
            String suffix = world().suffix();
            people.linkEnrolment(new EnrolmentLink(residentA(), world().hospital(), MAKINO_HOSPITAL_ID, "000999739"));
            people.linkEnrolment(new EnrolmentLink(residentA(), world().hospital(), INSURANCE_MEMBER,
                    "00012345:あいう:１８７:05"));
            people.linkEnrolment(new EnrolmentLink(residentB(), world().hospital(), JP_CORE_PATIENT_SYSTEM, "00000010"));
            OrganisationId strict = new OrganisationId(STRICT_HOSPITAL);
            if (organisations.findOrganisation(strict).isEmpty()) {
                organisations.registerOrganisation(new Organisation(strict, OrganisationKind.HOSPITAL, "Strict hospital",
                        Set.of(new org.azukari.consent.api.Purpose("treatment"))));
            }
            sources = new Sources(registerSourceFeed("gwfeed-" + suffix, world().hospital()),
                    registerSourceFeed("gwstrict-" + suffix, strict), strict);
        }
    }

    static final String STRICT_HOSPITAL = "strict-hospital";

    ResidentId residentA() {
        return world().people().get("resident-a").resident().orElseThrow();
    }

    ResidentId residentB() {
        return world().people().get("resident-b").resident().orElseThrow();
    }

    String lenientToken() throws Exception {
        return accessToken(sources.lenient(), "system/*.cu");
    }

    RawHttp.Response post(String path, String body, String token) throws IOException {
        return http.send("POST", path, "application/fhir+json", body, bearer(token));
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static String transaction(String... resourceJson) {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < resourceJson.length; i++) {
            String type = resourceJson[i].replaceAll("(?s).*?\"resourceType\"\\s*:\\s*\"([A-Za-z]+)\".*", "$1");
            bundle.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"urn:uuid:").append(UUID.randomUUID())
                    .append("\",\"resource\":").append(resourceJson[i])
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"").append(type).append("\"}}");
        }
        return bundle.append("]}").toString();
    }

    int recordsOf(ResidentId resident) {
        return bank.isEnrolled(resident) ? bank.list(resident).size() : 0;
    }

    @Test
    void everyJapaneseExample_isTakenIn_fromALenientSource() throws Exception {
        String token = lenientToken();
        List<Path> clins;
        List<Path> core;
        try (Stream<Path> a = Files.list(JP_CLINS); Stream<Path> b = Files.list(JP_CORE)) {
            clins = a.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            core = b.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(clins).hasSize(61);
        assertThat(core).hasSize(48);
        String makino = read(JP_CLINS.resolve("Patient-Example-JP-Patient-eCS-MAKINO.json"));
        List<Path> all = new ArrayList<>(clins);
        all.addAll(core);
        // the order a source sends in: its directory, its patients, documents, then records,
        // those that name no patient (sent with the patient they belong to) before those that cite them
        List<Path> ordered = new ArrayList<>();
        for (String first : List.of("Organization-", "Location-", "Endpoint-", "Medication-", "Practitioner-",
                "PractitionerRole-", "Patient-", "Bundle-")) {
            all.stream().filter(p -> p.getFileName().toString().startsWith(first) && !ordered.contains(p))
                    .forEach(ordered::add);
        }
        for (Path file : all) {
            if (!ordered.contains(file) && isFragment(read(file))) {
                ordered.add(file);
            }
        }
        all.stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);

        // a record sent before one it cites is refused (FG-0305) and sent again after it
        int taken = 0;
        List<Path> waiting = new ArrayList<>(ordered);
        for (int pass = 0; pass < 4 && !waiting.isEmpty(); pass++) {
            List<Path> again = new ArrayList<>();
            for (Path file : waiting) {
                String json = read(file);
                String name = file.getFileName().toString();
                boolean fragment = isFragment(json) && !name.startsWith("Patient-")
                        && Stream.of("Organization-", "Practitioner", "Location-", "Endpoint-", "Medication-")
                        .noneMatch(name::startsWith);
                // a record that names no patient goes in with the patient it belongs to
                RawHttp.Response answer = fragment ? post("/fhir", transaction(makino, json), token)
                        : post(name.startsWith("Bundle-") ? "/fhir" : "/fhir/" + name.substring(0, name.indexOf('-')),
                        json, token);
                if (answer.status() == 422 && answer.body().contains("FG-0305")) {
                    again.add(file);
                    continue;
                }
                assertThat(answer.status()).as(name + ": " + answer.body()).isBetween(200, 201);
                taken++;
            }
            waiting = again;
        }
        assertThat(waiting).isEmpty();
        assertThat(taken).isEqualTo(109);
        assertThat(recordsOf(residentA())).isGreaterThan(40);
        assertThat(recordsOf(residentB())).isGreaterThan(30);
    }

    @Test
    void theBrokenMedicationRequest_isTakenInWithItsWarning_fromALenientSource() throws Exception {
        String json = read(JP_CLINS.resolve(BROKEN_MEDICATION_REQUEST));

        RawHttp.Response answer = http.send("POST", "/fhir/MedicationRequest", "application/fhir+json", json,
                bearer(lenientToken()), "Prefer: return=OperationOutcome");

        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
        assertThat(answer.body()).contains("needs-anyOfStandardCode-medication").contains("\"warning\"");
    }

    @Test
    void aStrictSource_isRefusedTheBrokenMedicationRequest_quotingTheConstraint() throws Exception {
        String json = read(JP_CLINS.resolve(BROKEN_MEDICATION_REQUEST));

        RawHttp.Response answer = post("/fhir/MedicationRequest", json, accessToken(sources.strict(), "system/*.cu"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"")
                .contains("needs-anyOfStandardCode-medication");
    }

    @Test
    void aTransactionWithOneUnresolvableReference_storesNothingAtAll() throws Exception {
        String token = lenientToken();
        String patient = read(JP_CORE.resolve("Patient-jp-patient-example-1.json"));
        post("/fhir/Patient", patient, token);
        int before = recordsOf(residentB());
        String good = observation("Patient/jp-patient-example-1", "8302-2");
        String bad = observation("Patient/jp-patient-example-1", "29463-7")
                .replace("\"status\"", "\"performer\":[{\"reference\":\"Practitioner?identifier=urn:x|nobody\"}],\"status\"");

        RawHttp.Response answer = post("/fhir", transaction(good, bad), token);

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("FG-0308").contains("Bundle.entry[1].resource.performer");
        assertThat(recordsOf(residentB())).isEqualTo(before);
    }

    @Test
    void aBundleForAnUnknownPerson_isRefusedWhole_namingTheUnmatchedIdentifier() throws Exception {
        String stranger = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:oid:1.2.392.100495.20.3.51.1\","
                + "\"value\":\"stranger-42\"}]}";
        String observation = observation("urn:uuid:5f0c6a9e-8a44-4f0e-9c55-0e2b6f1f0c01", "8302-2");
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"urn:uuid:5f0c6a9e-8a44-4f0e-9c55-0e2b6f1f0c01\",\"resource\":" + stranger
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"fullUrl\":\"urn:uuid:5f0c6a9e-8a44-4f0e-9c55-0e2b6f1f0c02\",\"resource\":" + observation
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";

        RawHttp.Response answer = post("/fhir", bundle, lenientToken());

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("FG-0310").contains("urn:oid:1.2.392.100495.20.3.51.1|stranger-42");
    }

    @Test
    void resubmittingTheSameVersion_changesNothing_andANewerVersionSupersedes() throws Exception {
        String token = lenientToken();
        post("/fhir/Patient", read(JP_CORE.resolve("Patient-jp-patient-example-1.json")), token);
        String v1 = observation("Patient/jp-patient-example-1", "8302-2").replace("{\"resourceType\":\"Observation\"",
                "{\"resourceType\":\"Observation\",\"id\":\"height-" + world().suffix() + "\",\"meta\":{\"versionId\":\"1\"}");
        String v2 = v1.replace("\"versionId\":\"1\"", "\"versionId\":\"2\"").replace("170", "171");

        RawHttp.Response first = http.send("PUT", "/fhir/Observation/height-" + world().suffix(), "application/fhir+json",
                v1, bearer(token));
        int afterFirst = recordsOf(residentB());
        RawHttp.Response again = http.send("PUT", "/fhir/Observation/height-" + world().suffix(), "application/fhir+json",
                v1, bearer(token));
        RawHttp.Response newer = http.send("PUT", "/fhir/Observation/height-" + world().suffix(), "application/fhir+json",
                v2, bearer(token));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(location(again)).isEqualTo(location(first));
        assertThat(newer.status()).as(newer.body()).isEqualTo(201);
        assertThat(location(newer)).contains("/_history/2");
        assertThat(recordsOf(residentB())).isEqualTo(afterFirst);
    }

    @Test
    void transactionEntriesPostedWithoutFullUrl_areTakenIn_asR4Allows() throws Exception {
        String token = lenientToken();
        post("/fhir/Patient", read(JP_CORE.resolve("Patient-jp-patient-example-1.json")), token);
        String bundle = transaction(observation("Patient/jp-patient-example-1", "29463-7"))
                .replaceAll("\\{\"fullUrl\":\"urn:uuid:[0-9a-f-]+\",", "{");

        RawHttp.Response answer = post("/fhir", bundle, token);

        assertThat(bundle).doesNotContain("fullUrl");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("201 Created");
    }

    @Test
    void aBatch_answersPerEntry() throws Exception {
        String token = lenientToken();
        post("/fhir/Patient", read(JP_CORE.resolve("Patient-jp-patient-example-1.json")), token);
        String good = observation("Patient/jp-patient-example-1", "8867-4");
        String orphan = observation("Patient/never-sent", "8867-4");
        String bundle = transaction(good, orphan).replace("\"type\":\"transaction\"", "\"type\":\"batch\"");

        RawHttp.Response answer = post("/fhir", bundle, token);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"batch-response\"").contains("201 Created").contains("422")
                .contains("FG-0305");
    }

    @Test
    void conformanceResources_areRefused_sayingTheBankDoesNotTakeThemIn() throws Exception {
        String token = lenientToken();
        String definition = "{\"resourceType\":\"StructureDefinition\",\"url\":\"http://example.org/x\",\"name\":\"X\","
                + "\"status\":\"draft\",\"kind\":\"resource\",\"abstract\":false,\"type\":\"Patient\"}";
        String subscription = "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"x\","
                + "\"criteria\":\"Observation?\",\"channel\":{\"type\":\"rest-hook\"}}";

        RawHttp.Response direct = post("/fhir/StructureDefinition", definition, token);
        RawHttp.Response inBundle = post("/fhir", transaction(subscription), token);

        assertThat(direct.status()).as(direct.body()).isEqualTo(422);
        assertThat(direct.body()).contains("FG-0301").contains("not a health record");
        assertThat(inBundle.status()).as(inBundle.body()).isEqualTo(422);
        assertThat(inBundle.body()).contains("FG-0301").contains("Subscription");
    }

    @Test
    void eachIngest_isInTheAccessLog_withWhoWhomAndHowManyOfWhichType() throws Exception {
        String token = lenientToken();
        post("/fhir/Patient", read(JP_CORE.resolve("Patient-jp-patient-example-1.json")), token);
        String bundle = transaction(observation("Patient/jp-patient-example-1", "3141-9"),
                observation("Patient/jp-patient-example-1", "3141-9").replace("\"valueQuantity\":{\"value\":170",
                        "\"valueQuantity\":{\"value\":71"));

        RawHttp.Response answer = post("/fhir", bundle, token);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<LoggedEntry> entries = accessLogSearch.search(AccessLogQuery.builder().resident(residentB())
                .actorId(sources.lenient().id().value()).build());
        assertThat(entries).anySatisfy(logged -> {
            assertThat(logged.entry().action()).isEqualTo(AccessAction.INGEST);
            assertThat(logged.entry().actor().organisation()).contains(world().hospital().value());
            assertThat(logged.entry().resourceCounts()).containsEntry("Observation", 2);
        });
    }

    @Test
    void onlySourceFeeds_mayWrite() throws Exception {
        String emr = accessToken(world().emr(), "system/Observation.rs");
        String body = observation("Patient/jp-patient-example-1", "8302-2");

        RawHttp.Response asClinic = post("/fhir/Observation", body, emr);
        RawHttp.Response anonymous = http.send("POST", "/fhir/Observation", "application/fhir+json", body);

        assertThat(asClinic.status()).isEqualTo(403);
        assertThat(asClinic.body()).contains("\"resourceType\":\"OperationOutcome\"");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void storedRecords_carryTheBankIdAndTheSourcesOwnName_onlyInsideTheEncryptedRecord() throws Exception {
        String token = lenientToken();
        post("/fhir/Patient", read(JP_CORE.resolve("Patient-jp-patient-example-1.json")), token);
        String id = "trace-" + world().suffix();
        String body = observation("Patient/jp-patient-example-1", "8302-2").replace("{\"resourceType\":\"Observation\"",
                "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"7\"}");

        RawHttp.Response answer = http.send("PUT", "/fhir/Observation/" + id, "application/fhir+json", body, bearer(token));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        String location = location(answer);
        String bankId = location.replaceAll(".*/Observation/([^/]+)/_history/.*", "$1");
        StoredRecord stored = bank.list(residentB()).stream().filter(r -> r.id().value().equals(bankId)).findFirst()
                .orElseThrow();
        String content = bank.read(residentB(), stored.id()).content().plaintextUtf8();
        assertThat(content).contains("\"id\":\"" + bankId + "\"")
                .contains("urn:azukari:source:" + world().hospital().value() + "#Observation/" + id + "/_history/7");
        assertThat(content).doesNotContain("Patient/jp-patient-example-1");
    }

    /** A record that names no patient at all (JP-CLINS ships such fragments to be contained or bundled). */
    static boolean isFragment(String json) {
        return !json.contains("\"subject\"") && !json.contains("\"patient\"") && !json.contains("\"beneficiary\"")
                && !json.contains("\"resourceType\": \"Bundle\"") && !json.contains("\"resourceType\":\"Bundle\"");
    }

    /** Where the bank put it: {@code Location} on a create, {@code Content-Location} on an update. */
    static String location(RawHttp.Response answer) {
        return answer.header("Location") != null ? answer.header("Location") : answer.header("Content-Location");
    }

    static String observation(String subject, String loinc) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}]},"
                + "\"subject\":{\"reference\":\"" + subject + "\"},\"effectiveDateTime\":\"2026-11-01\","
                + "\"valueQuantity\":{\"value\":170,\"unit\":\"cm\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"cm\"}}";
    }
}
