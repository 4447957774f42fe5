package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.Receipts;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.server.CurrentLogFile;
import org.azukari.server.demo.DemoRecords;
import org.azukari.server.testing.UnreadableRecords;
import org.azukari.server.testing.PagesWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The clinic view, end to end through the real sign-in, ingest, share codes, consent store,
 * decision point, release and access log: a practitioner enters a resident's share code and reads
 * what the resident consented to in plain words, and nothing else; a practitioner holding the
 * emergency role opens emergency access with a reason and reads only what it allows, flagged; and
 * everyone else is refused. Same properties as {@code RealIdentityWorld}, so the context is shared.
 */
class ClinicViewPagesTest extends PagesWorld {

    static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.17777777777";
    private static final Pattern PATIENT_PAGE = Pattern.compile("^/clinic/patients/([a-z2-7]{26})\\?purpose=treatment$");

    /** Built once: registration is slow (Argon2id). */
    private static Scene scene;

    record Scene(String suffix, OrganisationId clinic, OrganisationId hospital, String doctor, String emergencyDoctor,
                 String resident, ResidentId residentId, String unconsenting, String operator, String mrn,
                 String source) {
    }

    @Autowired
    OrganisationRegistry organisations;

    @Autowired
    PeopleRegistry people;

    @Autowired
    Consents consents;

    @Autowired
    EmergencyAccesses emergencies;

    @Autowired
    TrustBank bank;

    @Autowired
    NeverShare neverShare;

    @BeforeEach
    void buildScene() throws Exception {
        if (scene != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId clinic = new OrganisationId("cv-clinic-" + suffix);
        OrganisationId hospital = new OrganisationId("cv-hosp-" + suffix);
        organisations.registerOrganisation(new Organisation(clinic, OrganisationKind.CLINIC, "Clinic " + suffix,
                Set.of(new Purpose("treatment"))));
        organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL, "Hospital " + suffix,
                Set.of(new Purpose("treatment"))));
        PersonAccount resident = people.registerResident(credentials("cvres-" + suffix), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        people.registerResident(credentials("cvres2-" + suffix), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        people.registerPractitioner(clinic, credentials("cvdoc-" + suffix));
        PersonAccount emergencyDoctor = people.registerPractitioner(hospital, credentials("cvem-" + suffix));
        PersonAccount operator = people.registerOperator(credentials("cvop-" + suffix));
        people.grantEmergencyRole(emergencyDoctor.account(), operator.account());
        ResidentId residentId = resident.resident().orElseThrow();
        String mrn = "cv-mrn-" + suffix;
        people.linkEnrolment(new EnrolmentLink(residentId, hospital, MRN_SYSTEM, mrn));

        String source = "cvsrc" + suffix;
        String feedToken = sourceFeedToken("cvfeed-" + suffix, hospital);
        Page pushed = send("POST", "/fhir", "application/fhir+json", bundle(mrn, source), null,
                "Authorization: Bearer " + feedToken);
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).as("every entry stored").doesNotContain("\"status\":\"4");

        String text = "『診療』を目的として、『検査データ』を提供してよいですか？";
        consents.grant(residentId, new ConsentTerms(Recipient.organisation(clinic.value()), new Purpose("treatment"),
                        Set.of(ConsentCategory.of(DataCategory.MEDICAL, "laboratory")),
                        ConsentPeriod.from(Instant.now().minusSeconds(60))),
                new ConsentEvidence(text, "ja", "consent-question-1",
                        Receipts.sha256Hex(text.getBytes(StandardCharsets.UTF_8)), Instant.now(), "portal"),
                new AccessActor("RESIDENT", "clinic-view-test", Optional.empty(), Optional.empty()));
        scene = new Scene(suffix, clinic, hospital, "cvdoc-" + suffix, "cvem-" + suffix, "cvres-" + suffix,
                residentId, "cvres2-" + suffix, "cvop-" + suffix, mrn, source);
    }

    // ---- share codes

    @Test
    void aPractitioner_enteringAResidentsShareCode_seesTheConsentedRecordsInPlainWords_andNothingElse() throws Exception {
        String doctor = signInWith(scene.doctor());
        String code = shareCode(scene.resident());

        Page posted = enter(doctor, code, "treatment");

        assertThat(posted.status()).as(posted.body()).isEqualTo(303);
        Matcher location = PATIENT_PAGE.matcher(posted.location());
        assertThat(location.matches()).as(posted.location()).isTrue();
        assertThat(posted.location()).doesNotContain(code).doesNotContain(scene.residentId().toString());
        Page records = page(posted.location(), doctor, "Accept-Language: en");
        assertThat(records.status()).as(records.body()).isEqualTo(200);
        assertThat(records.body()).contains("<h1>Shared records</h1>").contains("HbA1c").contains("7.2 %")
                .contains("4.6–6.2 %").contains("2024-03-05").contains("Observation")
                .contains("azukari-release-receipt/v1")
                .doesNotContain("Body weight").doesNotContain("63.7").doesNotContain("penicillin")
                .doesNotContain("atrial fibrillation").doesNotContain("badge emergency")
                .doesNotContain(scene.mrn()).doesNotContain(scene.source())
                .doesNotContain(scene.residentId().toString());
    }

    @Test
    void aResidentWhoseRecordsCarryNoIds_asTheDemoStoresThem_isShownInPlainWords() throws Exception {
        String username = "cvdemo-" + scene.suffix();
        ResidentId resident = people.registerResident(credentials(username), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE).resident().orElseThrow();
        bank.enrol(resident);
        bank.storeAll(resident, DemoRecords.of(resident));
        String text = "『診療』を目的として、『医療データ』を提供してよいですか？";
        consents.grant(resident, new ConsentTerms(Recipient.organisation(scene.clinic().value()), new Purpose("treatment"),
                        Set.of(ConsentCategory.all(DataCategory.MEDICAL)), ConsentPeriod.from(Instant.now().minusSeconds(60))),
                new ConsentEvidence(text, "ja", "consent-question-1",
                        Receipts.sha256Hex(text.getBytes(StandardCharsets.UTF_8)), Instant.now(), "portal"),
                new AccessActor("RESIDENT", "clinic-view-test", Optional.empty(), Optional.empty()));
        String doctor = signInWith(scene.doctor());

        Page posted = enter(doctor, shareCode(username), "treatment");
        Page records = page(posted.location(), doctor, "Accept-Language: en");

        assertThat(records.status()).as(records.body()).isEqualTo(200);
        assertThat(records.body()).contains("<h1>Shared records</h1>").contains("6.1 %").contains("62.1 kg")
                .contains("azukari-release-receipt/v1").doesNotContain("Day service")
                .doesNotContain(resident.toString());
    }

    @Test
    void aResidentWithUnreadableRecords_isShownTheOthers_withANoticeThatSomeWereLeftOut() throws Exception {
        String username = "cvbad-" + scene.suffix();
        ResidentId resident = people.registerResident(credentials(username), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE).resident().orElseThrow();
        bank.enrol(resident);
        bank.storeAll(resident, DemoRecords.of(resident));
        bank.storeAll(resident, UnreadableRecords.of(scene.suffix()));
        String text = "『診療』を目的として、『医療データ』を提供してよいですか？";
        consents.grant(resident, new ConsentTerms(Recipient.organisation(scene.clinic().value()), new Purpose("treatment"),
                        Set.of(ConsentCategory.all(DataCategory.MEDICAL)), ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"),
                new AccessActor("RESIDENT", "clinic-view-test", Optional.empty(), Optional.empty()));
        String doctor = signInWith(scene.doctor());

        Page posted = enter(doctor, shareCode(username), "treatment");
        Page records = page(posted.location(), doctor, "Accept-Language: en");

        assertThat(records.status()).as(records.body()).isEqualTo(200);
        assertThat(records.body()).contains("<h1>Shared records</h1>").contains("6.1 %").contains("62.1 kg")
                .contains("id=\"records-left-out\"").contains("azukari-release-receipt/v1")
                .doesNotContain(UnreadableRecords.MARKER).doesNotContain("bad-number-" + scene.suffix())
                .doesNotContain(resident.toString());
    }

    @Test
    void aNeverShareMarkOnLaboratory_hidesTheLabResultFromTheClinicView_underAWholeMedicalConsent() throws Exception {
        AccessActor actor = new AccessActor("RESIDENT", "clinic-view-test", Optional.empty(), Optional.empty());
        ConsentCategory laboratory = ConsentCategory.of(DataCategory.MEDICAL, "laboratory");
        String text = "『診療』を目的として、『医療データ』を提供してよいですか？";
        org.azukari.consent.api.Consent medical = consents.grant(scene.residentId(), new ConsentTerms(
                        Recipient.organisation(scene.clinic().value()), new Purpose("treatment"),
                        Set.of(ConsentCategory.all(DataCategory.MEDICAL)), ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"), actor);
        neverShare.mark(scene.residentId(), laboratory, actor);
        Page records;
        try {
            String doctor = signInWith(scene.doctor());
            Page posted = enter(doctor, shareCode(scene.resident()), "treatment");
            records = page(posted.location(), doctor, "Accept-Language: en");
        } finally {
            neverShare.clear(scene.residentId(), laboratory, actor);
            consents.withdraw(scene.residentId(), medical.id(), "portal", actor);
        }

        assertThat(records.status()).as(records.body()).isEqualTo(200);
        assertThat(records.body()).contains("Body weight").contains("penicillin").contains("atrial fibrillation")
                .doesNotContain("HbA1c").doesNotContain("7.2 %")
                .contains("MEDICAL/vital-signs").doesNotContain("MEDICAL/laboratory");
    }

    @Test
    void theResidentsAccessLog_recordsThePractitionersRelease_byKindOrganisationAndPurpose() throws Exception {
        String doctor = signInWith(scene.doctor());
        Page posted = enter(doctor, shareCode(scene.resident()), "treatment");
        assertThat(page(posted.location(), doctor).status()).isEqualTo(200);

        List<JsonNode> log = json(page("/portal/access-log", signInWith(scene.resident())));

        assertThat(log).filteredOn(e -> e.get("actorKind").asText().equals("PRACTITIONER")
                        && e.get("decision").asText().equals("PERMIT")
                        && e.path("resourceCounts").toString().contains("Observation"))
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.get("organisation").asText()).isEqualTo(scene.clinic().value());
                    assertThat(e.get("purpose").asText()).isEqualTo("treatment");
                    assertThat(e.get("action").asText()).isEqualTo("READ");
                    assertThat(e.path("emergency").asBoolean()).isFalse();
                });
    }

    @Test
    void aUsedShareCode_isRefusedTheSecondTime_withAClearMessageAndStatus400() throws Exception {
        String doctor = signInWith(scene.doctor());
        String code = shareCode(scene.resident());
        assertThat(enter(doctor, code, "treatment").status()).isEqualTo(303);

        Page again = enter(doctor, code, "treatment");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("id=\"code-error\"")
                .contains("That share code cannot be used: it is wrong, already used or expired.")
                .doesNotContain(code).doesNotContain("HbA1c").doesNotContain("/clinic/patients/");
    }

    @Test
    void aMadeUpShareCode_isRefusedLikeAUsedOne() throws Exception {
        Page made = enter(signInWith(scene.doctor()), "ABCDEFGHJK", "treatment");

        assertThat(made.status()).isEqualTo(400);
        assertThat(made.body()).contains("id=\"code-error\"").doesNotContain("ABCDEFGHJK");
    }

    @Test
    void aShareCodePostedWithoutCsrf_doesNothing_andTheCodeStillWorksAfterwards() throws Exception {
        String doctor = signInWith(scene.doctor());
        String code = shareCode(scene.resident());

        Page forged = submit("/clinic/share-code", doctor, "code", code, "purpose", "treatment");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.location()).isNull();
        assertThat(enter(doctor, code, "treatment").status()).as("the code was not used").isEqualTo(303);
    }

    @Test
    void aPurposeNotRegisteredForTheClinic_isRefused_beforeTheCodeIsUsed() throws Exception {
        String doctor = signInWith(scene.doctor());
        String code = shareCode(scene.resident());

        Page refused = enter(doctor, code, "health-advice");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("FG-0715").doesNotContain("HbA1c");
        assertThat(enter(doctor, code, "treatment").status()).as("the code was not used").isEqualTo(303);
    }

    @Test
    void aResidentWhoConsentedToNothing_showsAClearEmptyState() throws Exception {
        String doctor = signInWith(scene.doctor());
        Page posted = enter(doctor, shareCode(scene.unconsenting()), "treatment");
        assertThat(posted.status()).isEqualTo(303);

        Page page = page(posted.location(), doctor, "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nothing-shared\"").contains("Nothing is shared with your clinic")
                .doesNotContain("<table").doesNotContain("azukari-release-receipt");
    }

    @Test
    void aPseudonymNeverIntroducedToTheClinic_looksExactlyLikeNothingShared() throws Exception {
        String doctor = signInWith(scene.doctor());

        Page unknown = page("/clinic/patients/aaaaaaaaaaaaaaaaaaaaaaaaaa?purpose=treatment", doctor);
        Page malformed = page("/clinic/patients/not-a-pseudonym?purpose=treatment", doctor);

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body()).contains("id=\"nothing-shared\"");
        assertThat(malformed.status()).isEqualTo(404);
    }

    // ---- emergency access

    @Test
    void aPractitionerWithTheEmergencyRole_opensAccessWithAReason_andSeesOnlyTheAllowedCategoriesFlagged()
            throws Exception {
        String doctor = signInWith(scene.emergencyDoctor());
        String reason = "unconscious after a fall, marker " + UUID.randomUUID();
        Page form = page("/clinic/emergency", doctor, "Accept-Language: en");
        assertThat(form.body()).contains("id=\"emergency-warning\"").contains("written to the access log")
                .contains("The resident sees it").contains("review");

        Page opened = submit("/clinic/emergency", doctor, "system", MRN_SYSTEM, "value", scene.mrn(),
                "reason", reason, "purpose", "treatment", "_csrf", form.csrf());

        assertThat(opened.status()).as(opened.body()).isEqualTo(303);
        assertThat(PATIENT_PAGE.matcher(opened.location()).matches()).as(opened.location()).isTrue();
        assertThat(opened.location()).doesNotContain(scene.mrn());
        Page records = page(opened.location(), doctor, "Accept-Language: en");
        assertThat(records.status()).as(records.body()).isEqualTo(200);
        assertThat(records.body()).contains("class=\"badge emergency\"").contains("id=\"until\"")
                .contains("penicillin").contains("atrial fibrillation")
                .doesNotContain("HbA1c").doesNotContain("Body weight")
                .doesNotContain(reason).doesNotContain(scene.mrn()).doesNotContain(scene.source());
        assertThat(records.body()).as("the receipt says emergency").contains("emergency&quot;:true");
        assertThat(emergencies.forResident(scene.residentId()))
                .anySatisfy(e -> assertThat(e.recipient().organisation()).isEqualTo(scene.hospital().value()));
    }

    @Test
    void emergencyAccessWithoutAReason_isRefused_andOpensNothing() throws Exception {
        String doctor = signInWith(scene.emergencyDoctor());
        String csrf = page("/clinic/emergency", doctor).csrf();
        int before = emergencies.forResident(scene.residentId()).size();

        Page refused = submit("/clinic/emergency", doctor, "system", MRN_SYSTEM, "value", scene.mrn(),
                "reason", "  ", "purpose", "treatment", "_csrf", csrf);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"emergency-error\"");
        assertThat(emergencies.forResident(scene.residentId())).hasSize(before);
    }

    @Test
    void emergencyAccessForAnIdentifierTheOrganisationNeverLinked_findsNobody_andSaysSo() throws Exception {
        String doctor = signInWith(scene.emergencyDoctor());
        String csrf = page("/clinic/emergency", doctor).csrf();

        Page unknown = submit("/clinic/emergency", doctor, "system", MRN_SYSTEM, "value", "no-such-mrn",
                "reason", "chest pain, cannot speak", "purpose", "treatment", "_csrf", csrf);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("id=\"emergency-error\"").doesNotContain("/clinic/patients/");
    }

    @Test
    void aPractitionerWithoutTheEmergencyRole_isRefusedWithA403Page_andNothingIsOpened() throws Exception {
        String doctor = signInWith(scene.doctor());
        Page form = page("/clinic/emergency", doctor, "Accept-Language: en");
        assertThat(form.body()).contains("id=\"no-role\"").doesNotContain("name=\"reason\"");
        int before = emergencies.forResident(scene.residentId()).size();

        Page refused = submit("/clinic/emergency", doctor, "system", MRN_SYSTEM, "value", scene.mrn(),
                "reason", "I would like to look, please", "purpose", "treatment", "_csrf", form.csrf());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("CP-0234").doesNotContain("penicillin");
        assertThat(emergencies.forResident(scene.residentId())).hasSize(before);
    }

    @Test
    void nothingTypedIntoTheForms_norAnyRecord_reachesTheApplicationLog() throws Exception {
        String doctor = signInWith(scene.doctor());
        String code = shareCode(scene.resident());
        Page posted = enter(doctor, code, "treatment");
        assertThat(page(posted.location(), doctor).status()).isEqualTo(200);
        assertThat(enter(doctor, code, "treatment").status()).isEqualTo(400);
        String emergencyDoctor = signInWith(scene.emergencyDoctor());
        String reason = "log marker reason " + UUID.randomUUID();
        Page opened = submit("/clinic/emergency", emergencyDoctor, "system", MRN_SYSTEM, "value",
                scene.mrn(), "reason", reason, "purpose", "treatment",
                "_csrf", page("/clinic/emergency", emergencyDoctor).csrf());
        assertThat(page(opened.location(), emergencyDoctor).status()).isEqualTo(200);

        String log = Files.readString(CurrentLogFile.path(), StandardCharsets.UTF_8);

        assertThat(log).doesNotContain(code).doesNotContain(reason).doesNotContain(scene.mrn())
                .doesNotContain("HbA1c").doesNotContain("penicillin").doesNotContain("Tanaka");
    }

    // ---- who may come here, and languages

    @Test
    void aResidentOrAnOperator_isForbiddenTheClinicPages() throws Exception {
        for (String who : List.of(scene.resident(), scene.operator())) {
            String session = signInWith(who);
            assertThat(page("/clinic", session).status()).as(who).isEqualTo(403);
            assertThat(page("/clinic/emergency", session).status()).as(who).isEqualTo(403);
        }
    }

    @Test
    void theClinicPages_renderInEnglishAndInJapanese() throws Exception {
        String doctor = signInWith(scene.doctor());

        Page english = page("/clinic", doctor, "Accept-Language: en");
        Page japanese = page("/clinic?lang=ja", doctor, "Accept-Language: en");
        Page emergencyJa = page("/clinic/emergency?lang=ja", doctor);

        assertThat(english.status()).isEqualTo(200);
        assertThat(english.body()).contains("lang=\"en\"").contains("<h1>Clinic view</h1>")
                .contains("<label for=\"code\">Share code</label>").contains("<legend>").doesNotContain("??");
        assertThat(japanese.status()).isEqualTo(200);
        assertThat(japanese.body()).contains("lang=\"ja\"").contains("<h1>診療所ビュー</h1>")
                .contains("共有コード").doesNotContain("??");
        assertThat(emergencyJa.body()).contains("<h1>緊急アクセス</h1>").doesNotContain("??");
    }

    // ---- helpers

    private Page enter(String session, String code, String purpose) throws Exception {
        String csrf = page("/clinic", session).csrf();
        return send("POST", "/clinic/share-code", "application/x-www-form-urlencoded",
                form("code", code, "purpose", purpose, "_csrf", csrf), session, "Accept-Language: en");
    }

    private String shareCode(String resident) throws Exception {
        String session = signInWith(resident);
        String csrf = page("/portal", session).csrf();
        Page answer = send("POST", "/portal/api/share-codes", "application/json", "{}", session,
                "X-CSRF-Token: " + csrf);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(answer.body());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    private static List<JsonNode> json(Page page) throws Exception {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(new ObjectMapper().readTree(page.body()).spliterator(), false).toList();
    }

    private static AccountCredentials credentials(String username) {
        return new AccountCredentials(username, PASSWORD);
    }


    /** Patient; an HbA1c (laboratory) and a body weight (vital signs); an allergy; a condition. */
    private static String bundle(String mrn, String src) {
        String patient = "{\"reference\":\"Patient/" + src + "-pat\"}";
        String category = "\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"%s\"}]}]";
        return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + entry("Patient", src + "-pat", "{\"resourceType\":\"Patient\",\"id\":\"" + src + "-pat\","
                + "\"identifier\":[{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}],"
                + "\"name\":[{\"family\":\"Tanaka\"}],\"gender\":\"female\",\"birthDate\":\"1958-04-01\"}") + ","
                + entry("Observation", src + "-a1c", "{\"resourceType\":\"Observation\",\"id\":\"" + src + "-a1c\","
                + "\"status\":\"final\"," + category.formatted("laboratory") + ","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}],\"text\":\"HbA1c\"},"
                + "\"subject\":" + patient + ",\"effectiveDateTime\":\"2024-03-05T10:00:00+09:00\","
                + "\"valueQuantity\":{\"value\":7.2,\"unit\":\"%\"},"
                + "\"referenceRange\":[{\"low\":{\"value\":4.6,\"unit\":\"%\"},\"high\":{\"value\":6.2,\"unit\":\"%\"}}]}")
                + ","
                + entry("Observation", src + "-wt", "{\"resourceType\":\"Observation\",\"id\":\"" + src + "-wt\","
                + "\"status\":\"final\"," + category.formatted("vital-signs") + ","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}],\"text\":\"Body weight\"},"
                + "\"subject\":" + patient + ",\"effectiveDateTime\":\"2024-03-05T10:05:00+09:00\","
                + "\"valueQuantity\":{\"value\":63.7,\"unit\":\"kg\"}}") + ","
                + entry("AllergyIntolerance", src + "-alg", "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"" + src
                + "-alg\",\"clinicalStatus\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"active\"}]},"
                + "\"patient\":" + patient + ",\"code\":{\"text\":\"penicillin\"}}") + ","
                + entry("Condition", src + "-dx", "{\"resourceType\":\"Condition\",\"id\":\"" + src + "-dx\","
                + "\"subject\":" + patient + ",\"code\":{\"text\":\"atrial fibrillation\"}}")
                + "]}";
    }

    private static String entry(String type, String id, String resource) {
        return "{\"resource\":" + resource + ",\"request\":{\"method\":\"PUT\",\"url\":\"" + type + "/" + id + "\"}}";
    }
}
