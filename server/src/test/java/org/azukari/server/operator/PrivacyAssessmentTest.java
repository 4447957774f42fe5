package org.azukari.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.datasets.DatasetRequestApiTest;

/**
 * Privacy impact assessments over HTTP (mission 7): operators record them for recipients and
 * dataset requests as versions (never edited), a recipient is registered with one, an approval
 * needs one, and a resident reads the service's assessment from the consent question itself.
 */
class PrivacyAssessmentTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"(ds-[A-Za-z0-9-]+)\"");
    static final String ASSESSMENT = "{\"purpose\":\"Personal health advice from HbA1c\","
            + "\"dataItems\":[\"MEDICAL/laboratory\",\"PAYMENT\"],\"recipients\":\"The service's advisers only\","
            + "\"retention\":\"Two years after the last advice\",\"risks\":\"Re-identification from rare values\","
            + "\"mitigations\":\"Generalised dates; k of at least 10\",\"contactName\":\"Privacy officer\","
            + "\"contactReach\":\"privacy@genki.example\"}";

    @Autowired
    PrivacyAssessments assessments;

    @Autowired
    DatasetRequests datasets;

    @Autowired
    Consents consents;

    private String operator;
    private String csrf;
    private String suffix;

    @BeforeEach
    void anOperator() throws Exception {
        operator = signIn("operator");
        csrf = csrfOf(operator, "/api/operator/whoami");
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    private RawHttp.Response asOperator(String method, String path, String json) throws Exception {
        return json == null ? http.get(path, cookie(operator))
                : http.send(method, path, "application/json", json, cookie(operator), "X-CSRF-Token: " + csrf);
    }

    @Test
    void operator_recordsAnAssessment_thenANewVersion_andTheFirstIsKeptUnchanged() throws Exception {
        OrganisationId clinic = organisation("piaclinic-" + suffix, OrganisationKind.CLINIC, "treatment");
        String path = "/api/operator/organisations/" + clinic + "/assessments";

        RawHttp.Response first = asOperator("POST", path, ASSESSMENT);
        RawHttp.Response second = asOperator("POST", path, ASSESSMENT.replace("Two years after the last advice",
                "One year after the last advice"));
        RawHttp.Response history = asOperator("GET", path, null);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"version\":1").contains("\"reviewer\":\""
                + world().people().get("operator").account() + "\"");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).contains("\"version\":2");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().indexOf("\"version\":2")).isLessThan(history.body().indexOf("\"version\":1"));
        assertThat(assessments.history(AssessmentSubject.recipient(clinic.value())))
                .extracting(a -> a.version() + ":" + a.terms().retention())
                .containsExactly("2:One year after the last advice", "1:Two years after the last advice");
    }

    @Test
    void registeringAClinicOrAWellnessService_withoutAnAssessment_isRefused_andNothingIsRegistered() throws Exception {
        String clinic = "newclinic-" + suffix;
        String wellness = "newwell-" + suffix;
        String hospital = "newhosp-" + suffix;

        RawHttp.Response bareClinic = asOperator("POST", "/api/operator/organisations", "{\"id\":\"" + clinic
                + "\",\"kind\":\"CLINIC\",\"displayName\":\"New clinic\",\"purposes\":[\"treatment\"]}");
        RawHttp.Response bareWellness = asOperator("POST", "/api/operator/organisations", "{\"id\":\"" + wellness
                + "\",\"kind\":\"WELLNESS_SERVICE\",\"displayName\":\"New service\",\"purposes\":[\"health-advice\"]}");
        RawHttp.Response bareHospital = asOperator("POST", "/api/operator/organisations", "{\"id\":\"" + hospital
                + "\",\"kind\":\"HOSPITAL\",\"displayName\":\"New hospital\",\"purposes\":[\"treatment\"]}");
        RawHttp.Response assessed = asOperator("POST", "/api/operator/organisations", "{\"id\":\"" + wellness
                + "\",\"kind\":\"WELLNESS_SERVICE\",\"displayName\":\"New service\",\"purposes\":[\"health-advice\"],"
                + "\"assessment\":" + ASSESSMENT + "}");

        assertThat(bareClinic.status()).isEqualTo(400);
        assertThat(bareClinic.body()).contains("\"code\":\"OP-0030\"");
        assertThat(bareWellness.body()).contains("\"code\":\"OP-0030\"");
        assertThat(organisations.findOrganisation(new OrganisationId(clinic))).isEmpty();
        assertThat(bareHospital.status()).as("a source may be registered without").isEqualTo(201);
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        assertThat(assessments.current(AssessmentSubject.recipient(wellness))).hasValueSatisfying(a -> {
            assertThat(a.version()).isEqualTo(1);
            assertThat(a.terms().contact().reach()).isEqualTo("privacy@genki.example");
        });
    }

    @Test
    void registeringWithAnAssessmentThatIsRefused_registersNeitherTheOrganisationNorTheAssessment() throws Exception {
        String wellness = "badpia-" + suffix;

        RawHttp.Response answer = asOperator("POST", "/api/operator/organisations", "{\"id\":\"" + wellness
                + "\",\"kind\":\"WELLNESS_SERVICE\",\"displayName\":\"Bad\",\"purposes\":[\"no-such-purpose\"],"
                + "\"assessment\":" + ASSESSMENT + "}");
        RawHttp.Response badContact = asOperator("POST", "/api/operator/organisations", "{\"id\":\"" + wellness
                + "\",\"kind\":\"WELLNESS_SERVICE\",\"displayName\":\"Bad\",\"purposes\":[\"health-advice\"],"
                + "\"assessment\":" + ASSESSMENT.replace("privacy@genki.example", "javascript:alert(1)") + "}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":\"ID-0203\"");
        assertThat(badContact.status()).isEqualTo(400);
        assertThat(badContact.body()).contains("\"code\":\"CP-0402\"").doesNotContain("javascript");
        assertThat(organisations.findOrganisation(new OrganisationId(wellness))).isEmpty();
        assertThat(assessments.history(AssessmentSubject.recipient(wellness))).isEmpty();
    }

    @Test
    void approvingADatasetRequest_withoutItsAssessment_isRefusedAsAConflict_andItStaysSubmitted() throws Exception {
        OrganisationId service = organisation("piawell-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        String token = accessToken(registerWellnessService("piaapp-" + suffix, service), "system/Group.r");
        RawHttp.Response filed = http.send("POST", "/api/system/dataset-requests", "application/json",
                DatasetRequestApiTest.SPEC, bearer(token));
        Matcher id = ID.matcher(filed.body());
        assertThat(id.find()).as(filed.body()).isTrue();
        String review = "/api/operator/dataset-requests/" + id.group(1) + "/review";
        String approve = "{\"outcome\":\"APPROVE\",\"rationale\":\"Proportionate\",\"askResidents\":false}";

        RawHttp.Response refused = asOperator("POST", review, approve);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("\"code\":\"CP-0410\"");
        assertThat(datasets.find(new DatasetRequestId(id.group(1))).orElseThrow().status())
                .isEqualTo(DatasetRequestStatus.SUBMITTED);

        RawHttp.Response assessed = asOperator("POST", "/api/operator/dataset-requests/" + id.group(1)
                + "/assessments", ASSESSMENT);
        RawHttp.Response approved = asOperator("POST", review, approve);

        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        assertThat(assessed.body()).contains("\"kind\":\"DATASET_REQUEST\"");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("\"status\":\"APPROVED\"");
    }

    @Test
    void onlyOperators_recordAssessments_andOnlyWithTheirCsrfToken() throws Exception {
        OrganisationId clinic = organisation("piaonly-" + suffix, OrganisationKind.CLINIC, "treatment");
        String path = "/api/operator/organisations/" + clinic + "/assessments";
        String resident = signIn("resident-a");
        String practitioner = signIn("practitioner");
        String token = accessToken(world().wellnessApp(), "system/Group.r");

        assertThat(http.send("POST", path, "application/json", ASSESSMENT).status()).isEqualTo(401);
        assertThat(http.send("POST", path, "application/json", ASSESSMENT, cookie(resident)).status())
                .isEqualTo(403);
        assertThat(http.send("POST", path, "application/json", ASSESSMENT, cookie(practitioner)).status())
                .isEqualTo(403);
        assertThat(http.send("POST", path, "application/json", ASSESSMENT, bearer(token)).status())
                .isIn(401, 403);
        assertThat(http.send("POST", path, "application/json", ASSESSMENT, cookie(operator)).status())
                .as("an operator without the CSRF token").isEqualTo(403);
        assertThat(http.postForm("/operator/organisations/" + clinic + "/assessments", "piaPurpose=x",
                cookie(resident)).status()).isEqualTo(403);
        assertThat(asOperator("POST", "/api/operator/organisations/no-such-org/assessments", ASSESSMENT).status())
                .isEqualTo(404);
        assertThat(assessments.history(AssessmentSubject.recipient(clinic.value()))).isEmpty();
    }

    private record Asked(PersonAccount resident, String cookie) {
    }

    private Asked askedAbout(OrganisationId service) throws Exception {
        PersonAccount resident = registerResident("piares-" + suffix);
        consents.request(resident.resident().orElseThrow(), new ConsentTerms(Recipient.organisation(service.value()),
                        new Purpose("health-advice"), Set.of(ConsentCategory.all(DataCategory.MEDICAL)),
                        ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown("『健康アドバイス』を目的として、『医療データ』を提供してよいですか？", "ja",
                        "consent-question-1", Instant.now(), "operator"),
                new AccessActor("OPERATOR", "pia-test", Optional.empty(), Optional.empty()));
        return new Asked(resident, cookie(signInAs("piares-" + suffix, "resident")));
    }

    @Test
    void theConsentQuestion_showsWhatTheServiceIs_itsAssessmentSummary_andPrivacyContact_andLinksTheFullAssessment()
            throws Exception {
        OrganisationId service = organisation("piaq-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        assertThat(asOperator("POST", "/api/operator/organisations/" + service + "/assessments", ASSESSMENT).status())
                .isEqualTo(201);
        assertThat(asOperator("POST", "/api/operator/organisations/" + service + "/assessments",
                ASSESSMENT.replace("Personal health advice from HbA1c", "Health advice, revised")).status())
                .isEqualTo(201);
        Asked asked = askedAbout(service);

        String en = http.get("/portal/consents?lang=en", asked.cookie()).body();
        String ja = http.get("/portal/consents?lang=ja", asked.cookie()).body();
        RawHttp.Response full = http.get("/portal/services/" + service + "?lang=en", asked.cookie());

        assertThat(en).contains("About Test " + service + " (a health-advice service)")
                .contains("privacy impact assessment, version 2").contains("Health advice, revised")
                .contains("laboratory").contains("Two years after the last advice")
                .contains("Re-identification from rare values").contains("Generalised dates; k of at least 10")
                .contains("Privacy officer").contains("href=\"mailto:privacy@genki.example\"")
                .contains("href=\"/portal/services/" + service + "\"");
        assertThat(ja).contains("プライバシー影響評価 第2版").contains("個人情報の問い合わせ窓口");
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).contains("The service&#39;s advisers only").contains("Health advice, revised")
                .contains("Earlier versions (1)").contains("Personal health advice from HbA1c");
        assertThat(http.get("/portal/services/no-such-org", asked.cookie()).status()).isEqualTo(404);
    }

    @Test
    void aServiceWithoutAnAssessment_isSaidSo_atTheQuestion() throws Exception {
        OrganisationId service = organisation("pianone-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        Asked asked = askedAbout(service);

        assertThat(http.get("/portal/consents?lang=en", asked.cookie()).body())
                .contains("No privacy impact assessment has been recorded for this service");
        RawHttp.Response page = http.get("/portal/services/" + service + "?lang=en", asked.cookie());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"notice warn no-assessment\"");
    }

    @Test
    void operatorsText_withMarkup_isShownToResidentsAsText_neverRun() throws Exception {
        OrganisationId service = organisation("piaxss-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        String hostile = ASSESSMENT.replace("Personal health advice from HbA1c",
                "<script>alert('pia')</script><img src=x onerror=alert(1)>")
                .replace("The service's advisers only", "<b onmouseover=alert(2)>advisers</b>");
        assertThat(asOperator("POST", "/api/operator/organisations/" + service + "/assessments", hostile).status())
                .isEqualTo(201);
        Asked asked = askedAbout(service);

        String question = http.get("/portal/consents?lang=en", asked.cookie()).body();
        String full = http.get("/portal/services/" + service, asked.cookie()).body();
        String console = http.get("/operator/organisations/" + service, cookie(operator)).body();

        for (String page : new String[] {question, full, console}) {
            assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
                    .doesNotContain("<b onmouseover").contains("&lt;script&gt;alert(&#39;pia&#39;)&lt;/script&gt;");
        }
    }

    @Test
    void console_registersAClinicOnlyWithItsAssessment_andRecordsANewVersionKeepingTheFirst() throws Exception {
        String pageCsrf = csrfFromPage("/operator/organisations");
        String id = "consolepia-" + suffix;

        RawHttp.Response bare = http.postForm("/operator/organisations", form("_csrf", pageCsrf, "id", id, "kind",
                "CLINIC", "displayName", "Console clinic", "purpose", "treatment"), cookie(operator));
        RawHttp.Response registered = http.postForm("/operator/organisations", form("_csrf", pageCsrf, "id", id,
                "kind", "CLINIC", "displayName", "Console clinic", "purpose", "treatment",
                "piaPurpose", "Treatment by the clinic", "piaDataItem", "MEDICAL", "piaRecipients", "Doctors",
                "piaRetention", "Five years", "piaRisks", "Curious staff", "piaMitigations", "Access log",
                "piaContactName", "Clinic DPO", "piaContactReach", "https://clinic.example/privacy"), cookie(operator));
        RawHttp.Response again = http.postForm("/operator/organisations/" + id + "/assessments", form("_csrf",
                pageCsrf, "piaPurpose", "Treatment and follow-up", "piaDataItem", "MEDICAL", "piaDataItem",
                "CARE", "piaRecipients", "Doctors", "piaRetention", "Five years", "piaRisks", "Curious staff",
                "piaMitigations", "Access log", "piaContactName", "Clinic DPO", "piaContactReach",
                "https://clinic.example/privacy"), cookie(operator));
        String detail = http.get("/operator/organisations/" + id + "?lang=en", cookie(operator)).body();

        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.body()).contains("OP-0030");
        assertThat(registered.status()).isEqualTo(302);
        assertThat(again.status()).isEqualTo(302);
        assertThat(detail).contains("Version 2, recorded").contains("Version 1, recorded")
                .contains("Treatment and follow-up").contains("Treatment by the clinic");
        assertThat(assessments.history(AssessmentSubject.recipient(id))).hasSize(2);
    }

    private String csrfFromPage(String path) throws Exception {
        Matcher m = CSRF_FIELD.matcher(http.get(path, cookie(operator)).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
