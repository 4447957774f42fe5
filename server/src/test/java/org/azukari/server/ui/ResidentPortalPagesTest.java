package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.PortalRecords;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The resident's portal pages over the real stores: home, consents (answer, withdraw, never-share),
 * the access log and its CSV, who can see, the share code, the download and erasure. Each test has
 * its own resident, because most of them change what that resident holds.
 */
class ResidentPortalPagesTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    Consents consents;

    @Autowired
    NeverShare neverShare;

    @Autowired
    TrustBank bank;

    record Visit(PortalRecords.Resident resident, String cookie, String csrf) {
    }

    private Visit visit(String label) throws Exception {
        PortalRecords.Resident resident = PortalRecords.residentWithRecords(this, label);
        String session = signInAs(resident.username(), label);
        Matcher m = CSRF_FIELD.matcher(http.get("/portal", cookie(session)).body());
        assertThat(m.find()).isTrue();
        return new Visit(resident, cookie(session), m.group(1));
    }

    private Consent askForConsent(ResidentId resident) {
        String text = "『健康アドバイス』を目的として、『医療データ』を提供してよいですか？";
        return consents.request(resident, new ConsentTerms(Recipient.organisation(world().wellness().value()),
                new Purpose("health-advice"), Set.of(ConsentCategory.all(DataCategory.MEDICAL)),
                ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "operator"),
                new AccessActor("OPERATOR", "portal-test", Optional.empty(), Optional.empty()));
    }

    @Test
    void home_answersAtAGlance_whatIsHeld_whoCanSee_andAQuestionWaiting() throws Exception {
        Visit v = visit("home");
        askForConsent(v.resident().id());

        String body = http.get("/portal", v.cookie(), "Accept-Language: en").body();

        assertThat(body).contains("id=\"record-total\">13<").contains("Medical: 13").contains("Payment: 0")
                .contains("id=\"access-count\">0<").contains("One question waits for your answer");
        assertThat(http.get("/portal?lang=ja", v.cookie()).body()).contains("わたしの健康記録")
                .contains("回答待ちの質問が1件あります");
    }

    @Test
    void pendingQuestion_isAskedInTheMissionsWords_answeredYes_thenWithdrawn_andBothAreInTheAccessLog()
            throws Exception {
        Visit v = visit("consent");
        Consent asked = askForConsent(v.resident().id());

        String page = http.get("/portal/consents?lang=ja", v.cookie()).body();
        assertThat(page).contains("を目的として、『医療データ』を提供してよいですか？");
        RawHttp.Response yes = http.postForm("/portal/consents/requests/" + asked.id().value() + "/answer",
                form("answer", "yes", "language", "ja", "textVersion", "consent-question-1", "_csrf", v.csrf()),
                v.cookie());
        assertThat(yes.status()).isEqualTo(302);
        assertThat(consents.find(asked.id()).orElseThrow().status()).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(consents.history(asked.id())).last().satisfies(c ->
                assertThat(c.evidence().orElseThrow().text()).contains("提供してよいですか"));
        assertThat(http.get("/portal/sharing", v.cookie(), "Accept-Language: en").body())
                .contains("Test well-" + world().suffix()).doesNotContain("id=\"nobody\"");

        RawHttp.Response withdrawn = http.postForm("/portal/consents/" + asked.id().value() + "/withdraw",
                form("_csrf", v.csrf()), v.cookie());
        assertThat(withdrawn.status()).isEqualTo(302);
        assertThat(consents.find(asked.id()).orElseThrow().status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(http.get("/portal/sharing", v.cookie()).body()).contains("id=\"nobody\"");

        String log = http.get("/portal/activity", v.cookie(), "Accept-Language: en").body();
        assertThat(log).contains("Consent request answered").contains("Consent changed");
        String history = http.get("/portal/consents", v.cookie(), "Accept-Language: en").body();
        assertThat(history).contains("Withdrawn").contains("Active").contains("Asked");
    }

    @Test
    void answering_withoutTheCsrfToken_orWithAnAnswerThatIsNotYesOrNo_changesNothing() throws Exception {
        Visit v = visit("noanswer");
        Consent asked = askForConsent(v.resident().id());
        String path = "/portal/consents/requests/" + asked.id().value() + "/answer";

        assertThat(http.postForm(path, form("answer", "yes", "language", "ja", "textVersion", "consent-question-1"),
                v.cookie()).status()).isEqualTo(403);
        RawHttp.Response bad = http.postForm(path, form("answer", "maybe", "language", "ja", "textVersion",
                "consent-question-1", "_csrf", v.csrf()), v.cookie(), "Accept-Language: en");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("CP-0251").doesNotContain("maybe");
        assertThat(consents.find(asked.id()).orElseThrow().status()).isEqualTo(ConsentStatus.PROPOSED);
    }

    @Test
    void anotherResidentsConsent_isNotFound_andNothingChanges() throws Exception {
        Visit owner = visit("owner");
        Consent asked = askForConsent(owner.resident().id());
        Visit other = visit("other");

        RawHttp.Response answer = http.postForm("/portal/consents/requests/" + asked.id().value() + "/answer",
                form("answer", "yes", "language", "en", "textVersion", "consent-question-1", "_csrf", other.csrf()),
                other.cookie());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(consents.find(asked.id()).orElseThrow().status()).isEqualTo(ConsentStatus.PROPOSED);
    }

    @Test
    void neverShareMarks_areSavedFromTheirForm() throws Exception {
        Visit v = visit("never");

        http.postForm("/portal/consents/never-share", form("category", "PAYMENT", "category", "CARE", "_csrf",
                v.csrf()), v.cookie());

        assertThat(neverShare.marks(v.resident().id())).containsExactlyInAnyOrder(
                ConsentCategory.all(DataCategory.PAYMENT), ConsentCategory.all(DataCategory.CARE));
        assertThat(http.get("/portal/consents", v.cookie()).body()).containsPattern("value=\"PAYMENT\" checked");
    }

    @Test
    void whoCanSee_namesAFinerNeverShareMark_asWithheldFromAWholeCategoryConsent_onEveryPageThatShowsIt()
            throws Exception {
        Visit v = visit("withheld");
        String text = "『健康アドバイス』を目的として、『医療データ』を提供してよいですか？";
        AccessActor actor = new AccessActor("RESIDENT", "portal-test", Optional.empty(), Optional.empty());
        consents.grant(v.resident().id(), new ConsentTerms(Recipient.organisation(world().wellness().value()),
                new Purpose("health-advice"), Set.of(ConsentCategory.all(DataCategory.MEDICAL)),
                ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"), actor);
        neverShare.mark(v.resident().id(), ConsentCategory.of(DataCategory.MEDICAL, "laboratory"), actor);

        String sharing = http.get("/portal/sharing", v.cookie(), "Accept-Language: en").body();
        String home = http.get("/portal", v.cookie(), "Accept-Language: en").body();
        String api = http.get("/portal/api/who-can-see", v.cookie()).body();

        assertThat(sharing).contains("medical data (except laboratory)");
        assertThat(home).contains("medical data (except laboratory)");
        assertThat(http.get("/portal/sharing?lang=ja", v.cookie()).body()).contains("医療データ（laboratoryを除く）");
        assertThat(api).contains("\"categories\":[\"MEDICAL\"]").contains("\"withheld\":[\"MEDICAL/laboratory\"]");
    }

    @Test
    void accessLog_filtersByAction_summarisesTheMonth_andDownloadsAsCsv() throws Exception {
        Visit v = visit("log");
        Consent asked = askForConsent(v.resident().id());
        http.postForm("/portal/consents/requests/" + asked.id().value() + "/answer", form("answer", "no",
                "language", "en", "textVersion", "consent-question-1", "_csrf", v.csrf()), v.cookie());

        String all = http.get("/portal/activity", v.cookie(), "Accept-Language: en").body();
        assertThat(all).contains("Records received").contains("Consent request answered")
                .contains("id=\"readers-this-month\">0<").contains("id=\"emergencies-this-month\">0<");
        String answered = http.get("/portal/activity?action=CONSENT_REQUEST_ANSWER", v.cookie(),
                "Accept-Language: en").body();
        assertThat(answered).contains("Consent request answered").doesNotContain("<span>Records received</span>");
        RawHttp.Response bad = http.get("/portal/activity?action=DROP_TABLES", v.cookie());
        assertThat(bad.status()).isEqualTo(400);

        RawHttp.Response csv = http.get("/portal/activity.csv", v.cookie());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        assertThat(csv.body()).startsWith("time,action,actor_kind,organisation,organisation_name,purpose")
                .contains(",CONSENT_REQUEST_ANSWER,").contains(",INGEST,")
                .doesNotContain(v.resident().id().toString()).doesNotContain(v.resident().mrn());
    }

    @Test
    void shareCode_isIssuedByAPostedForm_andShownAsTextAndQr() throws Exception {
        Visit v = visit("share");

        RawHttp.Response page = http.postForm("/portal/share-code", form("_csrf", v.csrf()), v.cookie(),
                "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        Matcher code = Pattern.compile("id=\"share-code\">([A-Z0-9]+)<").matcher(page.body());
        assertThat(code.find()).isTrue();
        assertThat(page.body()).contains("<svg").containsPattern("d=\"M\\d+ \\d+h1v1h-1z")
                .contains("QR code for the share code " + code.group(1));
        assertThat(http.postForm("/portal/share-code", form(), v.cookie()).status()).isEqualTo(403);
    }

    @Test
    void download_isAFhirBundleOfEveryRecord_andIsInTheAccessLog() throws Exception {
        Visit v = visit("download");

        RawHttp.Response bundle = http.get("/portal/my-data/records.json", v.cookie());

        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(bundle.header("Content-Disposition")).contains("attachment");
        assertThat(bundle.body()).contains("\"resourceType\": \"Bundle\"").contains("\"type\": \"collection\"")
                .contains("Metformin 500 mg").contains("Yamada");
        assertThat(bundle.body().split("\"fullUrl\"|\"resource\":", -1).length - 1).isEqualTo(13);
        assertThat(http.get("/portal/activity.csv", v.cookie()).body()).contains(",EXPORT,")
                .contains("resident-download");
    }

    @Test
    void pages_carryTheContentSecurityPolicy_noInlineScriptOrStyle_andNothingOfTheRecordsReachesTheLog()
            throws Exception {
        Visit v = visit("csp");
        http.postForm("/portal/records", form("q", "penicillin", "_csrf", v.csrf()), v.cookie());
        http.get("/portal/my-data/records.json", v.cookie());

        for (String path : java.util.List.of("/portal", "/portal/records", "/portal/charts", "/portal/consents",
                "/portal/activity", "/portal/sharing", "/portal/share-code", "/portal/my-data",
                "/portal/my-data/erase")) {
            RawHttp.Response page = http.get(path, v.cookie(), "Accept-Language: en");
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-store");
            assertThat(page.body()).as(path).doesNotContain("<script").doesNotContain("style=")
                    .doesNotContain(v.resident().id().toString()).doesNotContain(v.resident().mrn());
        }
        String log = java.nio.file.Files.readString(org.azukari.server.CurrentLogFile.path());
        assertThat(log).doesNotContain("Metformin").doesNotContain("Penicillin").doesNotContain("penicillin")
                .doesNotContain("Yamada").doesNotContain(v.resident().mrn());
    }

    @Test
    void erase_needsItsConfirmation_thenLeavesOnlyTheAccessLog() throws Exception {
        Visit v = visit("erase");
        Consent asked = askForConsent(v.resident().id());
        http.postForm("/portal/consents/requests/" + asked.id().value() + "/answer", form("answer", "yes",
                "language", "en", "textVersion", "consent-question-1", "_csrf", v.csrf()), v.cookie());
        assertThat(http.get("/portal/my-data/erase", v.cookie(), "Accept-Language: en").body())
                .contains("All 13 of your records will be deleted").contains("This cannot be undone");

        RawHttp.Response unconfirmed = http.postForm("/portal/my-data/erase", form("understood", "yes", "confirm",
                "yes please", "_csrf", v.csrf()), v.cookie());
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(bank.list(v.resident().id())).hasSize(13);

        RawHttp.Response erased = http.postForm("/portal/my-data/erase", form("understood", "yes", "confirm",
                "erase-everything", "_csrf", v.csrf()), v.cookie());
        assertThat(erased.status()).isEqualTo(302);
        assertThat(erased.header("Location")).endsWith("/portal/my-data?erased");

        assertThat(bank.isEnrolled(v.resident().id())).isFalse();
        assertThat(consents.find(asked.id()).orElseThrow().status()).isEqualTo(ConsentStatus.WITHDRAWN);
        String myData = http.get("/portal/my-data?erased", v.cookie(), "Accept-Language: en").body();
        assertThat(myData).contains("id=\"erased\"").contains("id=\"holds-nothing\"").contains("Your access log:");
        assertThat(http.get("/portal", v.cookie(), "Accept-Language: en").body()).contains("id=\"record-total\">0<");
        assertThat(http.get("/portal/records", v.cookie(), "Accept-Language: en").body()).contains("0 of 0");
        assertThat(http.get("/portal/activity", v.cookie(), "Accept-Language: en").body()).contains("Erased")
                .contains("Records received");
    }
}
