package org.azukari.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.fhir.export.deid.ServicePseudonyms;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.UnreadableRecords;
import org.azukari.server.release.FhirReleaseTest;

/**
 * Dataset export end to end, with the real ingest, consents, decision point, access log and trust
 * bank: six residents pushed by a hospital, five consenting to a wellness service; a request filed,
 * approved by an operator, exported through FHIR Bulk Data; the NDJSON read back and scanned.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
public class DatasetExportTest extends RealIdentityWorld {

    static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.19999999998";
    public static final Pattern ID = Pattern.compile("\"id\":\"(ds-[A-Za-z0-9-]+)\"");

    /** Everything that must never appear in a dataset (the class has one instance for all its ordered tests). */
    private final List<String> forbidden = new ArrayList<>();
    private final List<String> datasets = new ArrayList<>();

    record Person(ResidentId resident, String name, String mrn) {
    }

    record Scene(List<Person> people, List<String> usernames, OrganisationId service, String token, String request,
                 OrganisationId otherService, String otherToken, String otherRequest, String thirdToken,
                 String thirdRequest, OrganisationId medicalService, String medicalToken, String medicalRequest) {
    }

    private Scene scene;

    @Autowired
    Consents consents;

    @Autowired
    TrustBank bank;

    @Autowired
    AccessLogSearch accessLog;

    @Autowired
    NeverShare neverShare;

    @Autowired
    BankSecrets secrets;

    @Value("${azukari.data-dir:./data}")
    Path dataDir;

    @BeforeEach
    void sixResidentsFiveConsenting_andTwoApprovedRequests() throws Exception {
        if (scene != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String feedToken = accessToken(registerSourceFeed("dsfeed-" + suffix, world().hospital()), "system/*.cu");
        List<Person> people = new ArrayList<>();
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            usernames.add("dsres" + i + "-" + suffix);
            ResidentId resident = this.people.registerResident(new AccountCredentials("dsres" + i + "-" + suffix, PASSWORD),
                    AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE).resident().orElseThrow();
            String mrn = "dsmrn" + i + "-" + suffix;
            String name = "Kanamori" + i + suffix;
            this.people.linkEnrolment(new EnrolmentLink(resident, world().hospital(), MRN_SYSTEM, mrn));
            // residents 0-3 share one quasi-identifier group; 4 is alone in hers (suppressed at k=2)
            String birth = i == 4 ? "1930-02-02" : "1980-0" + (i + 1) + "-15";
            RawHttp.Response pushed = http.send("POST", "/fhir", "application/fhir+json",
                    bundle("dssrc" + i + suffix, mrn, name, birth), bearer(feedToken));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            assertThat(pushed.body()).doesNotContain("\"status\":\"4");
            people.add(new Person(resident, name, mrn));
            forbidden.addAll(List.of(resident.toString(), mrn, name, "dssrc" + i + suffix));
            bank.list(resident).forEach(r -> forbidden.add(r.id().value()));
        }
        forbidden.addAll(List.of("090-5555", "urn:azukari:source", "Sakura-cho"));

        OrganisationId service = organisation("dswell-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        OrganisationId other = organisation("dswell2-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        OrganisationId third = organisation("dswell3-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        OrganisationId medical = organisation("dswell4-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        ConsentCategory laboratory = ConsentCategory.of(DataCategory.MEDICAL, "laboratory");
        for (int i = 0; i < 5; i++) {
            grant(people.get(i).resident(), service, laboratory);
            grant(people.get(i).resident(), other, laboratory);
            grant(people.get(i).resident(), third, laboratory);
            grant(people.get(i).resident(), medical, ConsentCategory.all(DataCategory.MEDICAL));
        }
        String token = accessToken(registerWellnessService("dsapp-" + suffix, service), "system/Group.r");
        String otherToken = accessToken(registerWellnessService("dsapp2-" + suffix, other), "system/Group.r");
        String thirdToken = accessToken(registerWellnessService("dsapp3-" + suffix, third), "system/Group.r");
        String medicalToken = accessToken(registerWellnessService("dsapp4-" + suffix, medical), "system/Group.r");
        scene = new Scene(people, usernames, service, token, approvedRequest(token), other, otherToken, approvedRequest(otherToken),
                thirdToken, approvedRequest(thirdToken), medical, medicalToken,
                approvedRequest(medicalToken, "\"MEDICAL\"", "\"Observation|http://loinc.org|4548-4\",\"Condition\""));
    }

    /**
     * Patient; an HbA1c (approved item), the same again with the patient given only by identifier
     * (the MRN, as a logical reference) and once without any clinical date; a cholesterol (not
     * approved) and a Condition (not in the laboratory categories).
     */
    static String bundle(String src, String mrn, String name, String birthDate) {
        String obs = "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\",\"category\":[{\"coding\":[{"
                + "\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\"}],\"text\":\"for " + name + "\"},"
                + "\"subject\":{\"reference\":\"Patient/" + src + "-pat\",\"display\":\"" + name + "\"},"
                + "\"effectiveDateTime\":\"2026-03-1%sT09:00:00+09:00\",\"valueQuantity\":{\"value\":%s,\"unit\":\"%%\"},"
                + "\"note\":[{\"text\":\"call " + name + " at 090-5555-0000\"}]}";
        return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + FhirReleaseTest.entry("Patient", src + "-pat", "{\"resourceType\":\"Patient\",\"id\":\"" + src
                + "-pat\",\"identifier\":[{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}],\"name\":[{\"family\":\""
                + name + "\"}],\"telecom\":[{\"system\":\"phone\",\"value\":\"090-5555-0000\"}],\"gender\":\"female\","
                + "\"birthDate\":\"" + birthDate + "\",\"address\":[{\"line\":[\"1-2 Sakura-cho\"],\"state\":\"東京都\"}]}") + ","
                + FhirReleaseTest.entry("Observation", src + "-a1c", obs.formatted(src + "-a1c", "4548-4", "1", "6.1")) + ","
                + FhirReleaseTest.entry("Observation", src + "-chol", obs.formatted(src + "-chol", "2093-3", "2", "180")) + ","
                + FhirReleaseTest.entry("Observation", src + "-a1c-byid", obs.formatted(src + "-a1c-byid", "4548-4", "3", "6.3")
                .replace("\"reference\":\"Patient/" + src + "-pat\"", "\"identifier\":{\"system\":\"" + MRN_SYSTEM
                        + "\",\"value\":\"" + mrn + "\"}")) + ","
                + FhirReleaseTest.entry("Observation", src + "-a1c-undated", obs.formatted(src + "-a1c-undated", "4548-4", "4",
                "6.5").replaceFirst("\"effectiveDateTime\":\"[^\"]+\",", "")) + ","
                + FhirReleaseTest.entry("Condition", src + "-dx", "{\"resourceType\":\"Condition\",\"id\":\"" + src
                + "-dx\",\"subject\":{\"reference\":\"Patient/" + src + "-pat\"},\"code\":{\"coding\":[{\"system\":"
                + "\"http://snomed.info/sct\",\"code\":\"44054006\"}]},\"onsetDateTime\":\"2026-02-01\"}")
                + "]}";
    }

    Consent grant(ResidentId resident, OrganisationId service, ConsentCategory category) {
        String text = "『健康アドバイス』を目的として、『医療データ（laboratory）』を提供してよいですか？";
        ConsentEvidence evidence = ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal");
        return consents.grant(resident, new ConsentTerms(Recipient.organisation(service.value()), new Purpose("health-advice"),
                Set.of(category), ConsentPeriod.from(Instant.now().minusSeconds(60))),
                evidence, new AccessActor("RESIDENT", "export-test", Optional.empty(), Optional.empty()));
    }

    String approvedRequest(String token) throws Exception {
        return approvedRequest(token, "\"MEDICAL/laboratory\"", "\"Observation|http://loinc.org|4548-4\"");
    }

    /** Files a request for those categories and items (JSON array contents) and has an operator approve it. */
    String approvedRequest(String token, String categories, String items) throws Exception {
        String spec = "{\"title\":\"HbA1c\",\"purpose\":\"health-advice\",\"categories\":[" + categories + "],"
                + "\"items\":[" + items + "],\"periodStart\":\"2026-01-01\","
                + "\"periodEnd\":\"2026-12-31\",\"refreshIntervalDays\":30,"
                + "\"deidentification\":{\"dates\":\"MONTH\",\"ageBandYears\":10,\"location\":\"PREFECTURE\",\"k\":2}}";
        RawHttp.Response filed = http.send("POST", "/api/system/dataset-requests", "application/json", spec, bearer(token));
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        Matcher id = ID.matcher(filed.body());
        assertThat(id.find()).isTrue();
        String operator = signIn("operator");
        String csrf = csrfOf(operator, "/api/operator/whoami");
        RawHttp.Response assessed = http.send("POST", "/api/operator/dataset-requests/" + id.group(1) + "/assessments",
                "application/json", Assessed.JSON, cookie(operator), "X-CSRF-Token: " + csrf);
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        RawHttp.Response approved = http.send("POST", "/api/operator/dataset-requests/" + id.group(1) + "/review",
                "application/json", "{\"outcome\":\"APPROVE\",\"rationale\":\"Aggregates for health advice\","
                        + "\"askResidents\":false}", cookie(operator), "X-CSRF-Token: " + csrf);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return id.group(1);
    }

    RawHttp.Response kickOff(String token, String request) throws Exception {
        return http.get("/fhir/Group/" + request + "/$export", bearer(token), "Prefer: respond-async");
    }

    /** Kicks off, polls the status URL until it is no longer 202, answers the status path and the manifest. */
    String[] export(String token, String request) throws Exception {
        RawHttp.Response kicked = kickOff(token, request);
        assertThat(kicked.status()).as(kicked.body()).isEqualTo(202);
        String status = kicked.header("Content-Location").replaceFirst("^https?://[^/]+", "");
        RawHttp.Response[] last = new RawHttp.Response[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = http.get(status, bearer(token));
            return last[0].status() != 202;
        });
        assertThat(last[0].status()).as(last[0].body()).isEqualTo(200);
        return new String[] {status, last[0].body()};
    }

    String file(String token, String manifest, String type) throws Exception {
        Matcher url = Pattern.compile("\"type\":\"" + type + "\",\"url\":\"https?://[^/]+([^\"]+)\"").matcher(manifest);
        if (!url.find()) {
            return "";
        }
        RawHttp.Response file = http.get(url.group(1), bearer(token));
        assertThat(file.status()).as(file.body()).isEqualTo(200);
        assertThat(file.header("Content-Type")).startsWith("application/fhir+ndjson");
        synchronized (datasets) {
            datasets.add(file.body());
        }
        return file.body();
    }

    static Set<String> matches(String text, String regex) {
        Set<String> found = new HashSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void anExport_holdsOnlyConsentingResidents_onlyTheApprovedItem_andSuppressesTheSmallGroup() throws Exception {
        String[] done = export(scene.token(), scene.request());
        String manifest = done[1];
        String patients = file(scene.token(), manifest, "Patient");
        String observations = file(scene.token(), manifest, "Observation");

        assertThat(manifest).contains("\"suppressedResidents\":1").contains("\"includedResidents\":4")
                .contains("\"suppressedRecords\":").contains("\"requiresAccessToken\":true");
        assertThat(patients.lines().count()).isEqualTo(4);
        assertThat(observations.lines().count()).as("two dated HbA1c each, one of them with the patient by identifier")
                .isEqualTo(8);
        assertThat(observations).contains("4548-4").doesNotContain("2093-3").doesNotContain("44054006")
                .contains("\"effectiveDateTime\":\"2026-03\"");
        assertThat(manifest).doesNotContain("Condition");
        Set<String> pseudonyms = matches(patients, "\"id\":\"([a-z2-7]{26})\"");
        assertThat(pseudonyms).hasSize(4);
        assertThat(matches(observations, "\"reference\":\"Patient/([a-z2-7]{26})\"")).isEqualTo(pseudonyms);
        assertThat(patients).contains("\"valueString\":\"40-49\"").doesNotContain("1980").doesNotContain("90+");
    }

    @Test
    void theAuditorsExportsPage_listsTheExportWithItsCohortCounts_andNeverAResidentIdOrName() throws Exception {
        String job = export(scene.token(), scene.request())[0].replaceFirst(".*/", "");
        String auditor = signIn("auditor");

        RawHttp.Response page = http.get("/audit/exports", cookie(auditor), "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        Matcher row = Pattern.compile("(?s)<tr data-export=\"" + Pattern.quote(job) + "\" data-status=\"COMPLETE\">"
                + "(.*?)</tr>").matcher(page.body());
        assertThat(row.find()).as(page.body()).isTrue();
        assertThat(row.group(1)).contains(">" + scene.request() + "<").contains(">" + scene.service().value() + "<")
                .contains("class=\"cohort\">5<").contains("class=\"included\">4<")
                .contains("class=\"suppressed\">1<").contains("class=\"written\">12<")
                .contains("class=\"outputs\">Observation 8, Patient 4<").contains("class=\"left-out\">9<")
                .contains("class=\"left-out-reasons\">k-anonymity 5, no-clinical-date 4<");
        for (String never : forbidden) {
            assertThat(page.body()).doesNotContain(never);
        }
        for (String username : scene.usernames()) {
            assertThat(page.body()).doesNotContain(username);
        }
    }

    @Test
    void anObservationWhosePatientIsGivenByIdentifier_carriesTheServicesPseudonym_likeTheOthers() throws Exception {
        String manifest = export(scene.token(), scene.request())[1];
        String observations = file(scene.token(), manifest, "Observation");
        Set<String> pseudonyms = matches(file(scene.token(), manifest, "Patient"), "\"id\":\"([a-z2-7]{26})\"");
        String subject = "\"subject\":\\{\"reference\":\"Patient/([a-z2-7]{26})\"";

        List<String> byIdentifier = observations.lines().filter(line -> line.contains("\"value\":6.3")).toList();
        assertThat(byIdentifier).as("one per included resident").hasSize(4).allSatisfy(line -> assertThat(line)
                .containsPattern(subject).doesNotContain("identifier").doesNotContain(MRN_SYSTEM));
        assertThat(matches(String.join("\n", byIdentifier), subject)).isEqualTo(pseudonyms);
        assertThat(observations.lines().toList()).allSatisfy(line -> assertThat(line).containsPattern(subject));
    }

    @Test
    void approvedItemsWithoutAClinicalDate_areCountedAsSuppressed_withTheReason_inTheManifest() throws Exception {
        String manifest = export(scene.token(), scene.request())[1];

        // per included resident one undated HbA1c; the suppressed resident's 4 Observations and Patient
        assertThat(manifest).contains("\"suppressedRecordsByReason\":{\"k-anonymity\":5,\"no-clinical-date\":4}")
                .contains("\"suppressedRecords\":9");
        assertThat(file(scene.token(), manifest, "Observation")).doesNotContain("6.5");
    }

    @Test
    void recordsThatCannotBeParsed_areLeftOutAndCountedAsUnreadable_andTheExportOfEveryoneElseCompletes()
            throws Exception {
        // care data only this test's service asks for, so that the other exports never meet these records
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId care = organisation("dswell5-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        for (int i = 0; i < 4; i++) {
            grant(scene.people().get(i).resident(), care, ConsentCategory.all(DataCategory.CARE));
        }
        ResidentId holder = scene.people().get(0).resident();
        List<RecordToStore> unreadable = UnreadableRecords.of(suffix).stream().map(r -> new RecordToStore(r.id(),
                r.type(), DataCategory.CARE, r.content())).toList();
        bank.storeAll(holder, unreadable);
        bank.storeAll(holder, List.of(new RecordToStore(new RecordId("care-obs-" + suffix), new ResourceType("Observation"),
                DataCategory.CARE, RecordContent.ofUtf8("{\"resourceType\":\"Observation\",\"status\":\"final\","
                        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}]},"
                        + "\"effectiveDateTime\":\"2026-03-01\",\"valueQuantity\":{\"value\":51.5,\"unit\":\"kg\"}}"))));
        String token = accessToken(registerWellnessService("dsapp5-" + suffix, care), "system/Group.r");

        String manifest = export(token, approvedRequest(token, "\"CARE\"", "\"Observation\""))[1];

        assertThat(manifest).contains("\"unreadable\":3").contains("\"suppressedRecords\":3");
        String observations = file(token, manifest, "Observation");
        assertThat(observations.lines().count()).as("the one readable care record").isEqualTo(1);
        assertThat(observations).contains("51.5").doesNotContain(UnreadableRecords.MARKER);
        assertThat(manifest).doesNotContain(UnreadableRecords.MARKER);
    }

    @Test
    void aNeverShareMarkOnLaboratory_keepsTheResidentsLabsOutOfAWholeMedicalDataset_butNotTheirOtherRecords()
            throws Exception {
        Person marking = scene.people().get(0);
        String pseudonym = new ServicePseudonyms(secrets).pseudonym(scene.medicalService(), marking.resident()).value();
        AccessActor actor = new AccessActor("RESIDENT", "export-test", Optional.empty(), Optional.empty());
        neverShare.mark(marking.resident(), ConsentCategory.of(DataCategory.MEDICAL, "laboratory"), actor);
        String observations;
        String conditions;
        try {
            String manifest = export(scene.medicalToken(), scene.medicalRequest())[1];
            observations = file(scene.medicalToken(), manifest, "Observation");
            conditions = file(scene.medicalToken(), manifest, "Condition");
        } finally {
            neverShare.clear(marking.resident(), ConsentCategory.of(DataCategory.MEDICAL, "laboratory"), actor);
        }

        assertThat(observations).as("the marking resident's laboratory results").doesNotContain(pseudonym)
                .contains("4548-4");
        assertThat(observations.lines().count()).as("two dated HbA1c for each of the other three").isEqualTo(6);
        assertThat(conditions).as("the marking resident's diagnosis is not laboratory data").contains(pseudonym)
                .contains("44054006");
        assertThat(conditions.lines().count()).isEqualTo(4);
    }

    @Test
    void pseudonyms_areStableWithinAService_andDifferFromAnotherServices() throws Exception {
        String first = file(scene.token(), export(scene.token(), scene.request())[1], "Patient");
        String again = file(scene.token(), export(scene.token(), scene.request())[1], "Patient");
        String other = file(scene.otherToken(), export(scene.otherToken(), scene.otherRequest())[1], "Patient");

        Set<String> mine = matches(first, "\"id\":\"([a-z2-7]{26})\"");
        assertThat(matches(again, "\"id\":\"([a-z2-7]{26})\"")).isEqualTo(mine);
        assertThat(matches(other, "\"id\":\"([a-z2-7]{26})\"")).hasSize(4).doesNotContainAnyElementsOf(mine);
    }

    @Test
    void eachExport_logsOneEntryPerIncludedResident_beforeDecrypting_andNoneForTheOneWhoDidNotConsent() throws Exception {
        String[] done = export(scene.token(), scene.request());
        String job = done[0].substring(done[0].lastIndexOf('/') + 1);

        long entries = accessLog.search(AccessLogQuery.forResident(scene.people().get(0).resident())).stream()
                .filter(e -> e.entry().requestId().equals(scene.request() + "." + job)).count();
        long none = accessLog.search(AccessLogQuery.forResident(scene.people().get(5).resident())).stream()
                .filter(e -> e.entry().reason().equals("dataset-export")).count();
        assertThat(entries).isEqualTo(1);
        assertThat(none).isZero();
        String seen = http.get("/portal/access-log", cookie(signInAs(scene.usernames().get(0), "dataset resident"))).body();
        assertThat(seen).as("the resident sees which dataset, for which service and purpose")
                .contains("\"datasetTitle\":\"HbA1c\"").contains("\"dataset\":\"" + scene.request() + "\"")
                .contains("\"organisation\":\"" + scene.service().value() + "\"").contains("\"purpose\":\"health-advice\"");
    }

    @Test
    void aWithdrawalBetweenTwoExports_removesThatResidentFromTheSecond() throws Exception {
        Set<String> before = matches(file(scene.otherToken(), export(scene.otherToken(), scene.otherRequest())[1], "Patient"),
                "\"id\":\"([a-z2-7]{26})\"");
        ResidentId leaving = scene.people().get(1).resident();
        Consent consent = consents.forResident(leaving).stream()
                .filter(c -> c.terms().recipient().organisation().equals(scene.otherService().value())).findFirst().orElseThrow();
        consents.withdraw(leaving, consent.id(), "portal", new AccessActor("RESIDENT", "export-test", Optional.empty(),
                Optional.empty()));

        Set<String> after = matches(file(scene.otherToken(), export(scene.otherToken(), scene.otherRequest())[1], "Patient"),
                "\"id\":\"([a-z2-7]{26})\"");

        assertThat(before).hasSize(4);
        assertThat(after).hasSize(3).isSubsetOf(before);
    }

    @Test
    void anotherClient_cannotSeeTheStatusOrTheFiles_andTheFilesAtRestHoldNoPlaintext() throws Exception {
        String[] done = export(scene.token(), scene.request());
        String job = done[0].substring(done[0].lastIndexOf('/') + 1);

        assertThat(http.get(done[0], bearer(scene.otherToken())).status()).isEqualTo(404);
        assertThat(http.get(done[0] + "/Observation.ndjson", bearer(scene.otherToken())).status()).isEqualTo(404);
        Path files = dataDir.resolve("exports").resolve(job);
        assertThat(files).isDirectory();
        try (Stream<Path> sealed = Files.list(files)) {
            for (Path path : sealed.toList()) {
                String raw = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
                assertThat(raw).doesNotContain("4548-4").doesNotContain("Patient").doesNotContain("東京");
            }
        }
    }

    @Test
    void aClinicAskingAboutAnExport_getsTheSameNotFoundAsForAnUnknownJob_andTheExportIsUntouched() throws Exception {
        String[] done = export(scene.token(), scene.request());
        String clinic = accessToken(world().emr(), "system/Observation.rs");

        RawHttp.Response status = http.get(done[0], bearer(clinic));
        RawHttp.Response file = http.get(done[0] + "/Observation.ndjson", bearer(clinic));
        RawHttp.Response cancel = http.send("DELETE", done[0], null, null, bearer(clinic));
        RawHttp.Response unknown = http.get("/api/system/bulk/" + java.util.UUID.randomUUID(), bearer(scene.token()));

        for (RawHttp.Response answer : List.of(status, file, cancel, unknown)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).contains("OperationOutcome").contains("EX-0714");
        }
        assertThat(status.body()).isEqualTo(unknown.body());
        assertThat(http.get(done[0], bearer(scene.token())).status()).as("the export is still there").isEqualTo(200);
    }

    @Test
    void aCancelledExport_isGone_withItsFiles() throws Exception {
        RawHttp.Response kicked = kickOff(scene.token(), scene.request());
        String status = kicked.header("Content-Location").replaceFirst("^https?://[^/]+", "");
        String job = status.substring(status.lastIndexOf('/') + 1);

        RawHttp.Response cancelled = http.send("DELETE", status, null, null, bearer(scene.token()));

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(http.get(status, bearer(scene.token())).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(dataDir.resolve("exports").resolve(job)));
    }

    @Test
    void kickOff_isRefused_withoutRespondAsync_forAnotherServicesRequest_andForAClinic() throws Exception {
        RawHttp.Response sync = http.get("/fhir/Group/" + scene.request() + "/$export", bearer(scene.token()));
        RawHttp.Response foreign = kickOff(scene.otherToken(), scene.request());
        RawHttp.Response badType = http.get("/fhir/Group/" + scene.request() + "/$export?_type=Condition",
                bearer(scene.token()), "Prefer: respond-async");

        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.body()).contains("OperationOutcome").contains("EX-0702");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(badType.status()).isEqualTo(400);
    }

    /** Last: erasing is for good, and the other tests count this resident in. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void anErasedResident_isAbsentFromEveryLaterExport() throws Exception {
        Set<String> before = matches(file(scene.thirdToken(), export(scene.thirdToken(), scene.thirdRequest())[1], "Patient"),
                "\"id\":\"([a-z2-7]{26})\"");

        bank.erase(scene.people().get(3).resident());
        Set<String> after = matches(file(scene.thirdToken(), export(scene.thirdToken(), scene.thirdRequest())[1], "Patient"),
                "\"id\":\"([a-z2-7]{26})\"");

        assertThat(before).hasSize(4);
        assertThat(after).hasSize(3).isSubsetOf(before);
    }

    @Test
    void kAnonymity_holdsInTheFile_everyQuasiIdentifierGroupHasAtLeastK() throws Exception {
        String patients = file(scene.token(), export(scene.token(), scene.request())[1], "Patient");

        java.util.Map<String, Long> groups = new java.util.HashMap<>();
        for (String line : patients.lines().toList()) {
            String key = matches(line, "\"valueString\":\"([^\"]+)\"") + "|" + matches(line, "\"gender\":\"([^\"]+)\"")
                    + "|" + matches(line, "\"state\":\"([^\"]+)\"");
            groups.merge(key, 1L, Long::sum);
        }
        assertThat(groups).isNotEmpty();
        assertThat(groups.values()).allMatch(size -> size >= 2);
    }

    @AfterAll
    void noDatasetNamesAPersonASourceOrABankId() {
        assertThat(datasets).isNotEmpty();
        for (String dataset : datasets) {
            for (String never : forbidden) {
                assertThat(dataset).as("a dataset quoted " + never).doesNotContain(never);
            }
        }
    }
}
