package org.azukari.server.consent;

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
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/** The consent APIs over HTTP, as the portal's scripts and an operator's script use them. */
class ConsentApiTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([A-Za-z0-9_-]+)\"");

    @Autowired
    Consents consents;

    @Autowired
    EmergencyAccesses emergencies;

    record Session(String cookie, String csrf) {
    }

    private Session residentSession(String who) throws Exception {
        String session = signIn(who);
        Matcher m = CSRF_FIELD.matcher(http.get("/portal", cookie(session)).body());
        assertThat(m.find()).isTrue();
        return new Session(session, m.group(1));
    }

    private RawHttp.Response send(Session s, String method, String path, String json) throws Exception {
        return http.send(method, path, "application/json", json, cookie(s.cookie()), "X-CSRF-Token: " + s.csrf());
    }

    private RawHttp.Response get(Session s, String path) throws Exception {
        return http.get(path, cookie(s.cookie()));
    }

    private ResidentId residentOf(String who) {
        return world().people().get(who).resident().orElseThrow();
    }

    private String grantJson(String categories) {
        return "{\"recipient\":\"" + world().clinic().value() + "\",\"purpose\":\"treatment\",\"categories\":["
                + categories + "],\"language\":\"ja\",\"textVersion\":\"consent-question-1\"}";
    }

    private String grantAsA(Session a) throws Exception {
        RawHttp.Response granted = send(a, "POST", "/portal/api/consents", grantJson("\"MEDICAL\""));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        Matcher m = ID.matcher(granted.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void resident_grants_andSeesTheConsentWithItsEvidence_andWhoCanSee() throws Exception {
        Session a = residentSession("resident-a");

        String id = grantAsA(a);

        RawHttp.Response list = get(a, "/portal/api/consents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(id).contains("\"status\":\"ACTIVE\"").contains("textSha256")
                .contains("を目的として");
        assertThat(get(a, "/portal/api/who-can-see").body()).contains(world().clinic().value()).contains(id);
    }

    @Test
    void resident_withdraws_andTheConsentIsWithdrawn_andNoLongerSeesTheRecipient() throws Exception {
        Session a = residentSession("resident-a");
        String id = grantAsA(a);

        RawHttp.Response withdrawn = send(a, "POST", "/portal/api/consents/" + id + "/withdraw", "{}");

        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.body()).contains("\"status\":\"WITHDRAWN\"").contains("\"version\":2");
        assertThat(get(a, "/portal/api/who-can-see").body()).doesNotContain(id);
    }

    @Test
    void anotherResident_cannotReadOrWithdrawOrAnswer_aResidentsConsent_andGetsNotFound() throws Exception {
        Session a = residentSession("resident-a");
        String id = grantAsA(a);
        Session b = residentSession("resident-b");

        RawHttp.Response withdraw = send(b, "POST", "/portal/api/consents/" + id + "/withdraw", "{}");
        RawHttp.Response answer = send(b, "POST", "/portal/api/consent-requests/" + id + "/answer",
                "{\"answer\":\"no\",\"language\":\"en\",\"textVersion\":\"consent-question-1\"}");

        assertThat(withdraw.status()).isEqualTo(404);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(withdraw.header("Content-Type")).contains("application/problem+json");
        assertThat(get(b, "/portal/api/consents").body()).doesNotContain(id);
        assertThat(get(b, "/portal/api/who-can-see").body()).doesNotContain(id);
        assertThat(consents.history(new org.azukari.consent.api.ConsentId(id))).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(ConsentStatus.ACTIVE));
    }

    @Test
    void resident_seesAPendingRequestInTheMissionsWords_andAnswersYes() throws Exception {
        Consent proposed = consents.request(residentOf("resident-a"), new ConsentTerms(
                Recipient.organisation(world().wellness().value()), new Purpose("health-advice"),
                Set.of(ConsentCategory.parse("PAYMENT"), ConsentCategory.parse("MEDICAL")),
                ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown("asked", "en", "v1", Instant.now(), "api"),
                new AccessActor("WELLNESS_SERVICE", "app-1", Optional.empty(), Optional.empty()));
        Session a = residentSession("resident-a");

        RawHttp.Response pending = get(a, "/portal/api/consent-requests");
        assertThat(pending.body()).contains(proposed.id().value()).contains("を目的として、『医療データと決済データ』を提供してよいですか？");

        RawHttp.Response answered = send(a, "POST", "/portal/api/consent-requests/" + proposed.id() + "/answer",
                "{\"answer\":\"yes\",\"language\":\"ja\",\"textVersion\":\"consent-question-1\"}");

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.body()).contains("\"status\":\"ACTIVE\"");
        assertThat(get(a, "/portal/api/consent-requests").body()).doesNotContain(proposed.id().value());
    }

    @Test
    void badInput_getsProblemDetails_neverA500_andChangesNothing() throws Exception {
        Session a = residentSession("resident-a");
        int before = consents.forResident(residentOf("resident-a")).size();

        RawHttp.Response[] answers = {
            send(a, "POST", "/portal/api/consents", grantJson("\"SPACESHIP\"")),
            send(a, "POST", "/portal/api/consents", grantJson("")),
            send(a, "POST", "/portal/api/consents", "{not json"),
            send(a, "POST", "/portal/api/consents", grantJson("\"MEDICAL\"").replace("ja\"", "fr\"")),
            send(a, "POST", "/portal/api/consents", grantJson("\"MEDICAL\"").replace("consent-question-1", "v9")),
            send(a, "POST", "/portal/api/consents", grantJson("\"MEDICAL\"").replace(world().clinic().value(), "nobody-x")),
            send(a, "POST", "/portal/api/consents/not%20an%20id/withdraw", "{}"),
            send(a, "PUT", "/portal/api/never-share", "{\"categories\":[\"MEDICAL/<b>\"]}"),
        };

        for (RawHttp.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("\"code\":").doesNotContain("SPACESHIP").doesNotContain("<b>");
        }
        assertThat(consents.forResident(residentOf("resident-a"))).hasSize(before);
    }

    @Test
    void withoutTheCsrfToken_nothingIsWithdrawn() throws Exception {
        Session a = residentSession("resident-a");
        String id = grantAsA(a);

        RawHttp.Response answer = http.send("POST", "/portal/api/consents/" + id + "/withdraw", "application/json",
                "{}", cookie(a.cookie()));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(consents.find(new org.azukari.consent.api.ConsentId(id)).orElseThrow().status())
                .isEqualTo(ConsentStatus.ACTIVE);
    }

    @Test
    void resident_setsNeverShareMarks_andReadsThemBack() throws Exception {
        Session b = residentSession("resident-b");

        RawHttp.Response put = send(b, "PUT", "/portal/api/never-share",
                "{\"categories\":[\"MEDICAL/diagnosis\",\"CARE\"]}");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(get(b, "/portal/api/never-share").body()).contains("MEDICAL/diagnosis").contains("CARE");
        assertThat(get(residentSession("resident-a"), "/portal/api/never-share").body())
                .doesNotContain("MEDICAL/diagnosis");
    }

    @Test
    void emergencyAccess_isShownToItsResidentOnly_andOperatorsReviewIt() throws Exception {
        EmergencyAccess opened = emergencies.open(residentOf("resident-a"), "doc-1",
                Recipient.organisation(world().clinic().value()), "unconscious on arrival, allergies unknown",
                Instant.now());
        Session operator = new Session(signIn("operator"), null);
        operator = new Session(operator.cookie(), csrfOf(operator.cookie(), "/api/operator/whoami"));

        assertThat(get(residentSession("resident-a"), "/portal/api/emergency-accesses").body())
                .contains(opened.id().value()).contains("\"open\":true");
        assertThat(get(residentSession("resident-b"), "/portal/api/emergency-accesses").body())
                .doesNotContain(opened.id().value());
        assertThat(get(operator, "/api/operator/emergency-accesses?unreviewed=true").body())
                .contains(opened.id().value());

        RawHttp.Response reviewed = send(operator, "POST", "/api/operator/emergency-accesses/" + opened.id()
                + "/review", "{\"note\":\"confirmed with the ward\"}");

        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(get(operator, "/api/operator/emergency-accesses?unreviewed=true").body())
                .doesNotContain(opened.id().value());
        assertThat(send(operator, "POST", "/api/operator/emergency-accesses/" + opened.id() + "/review",
                "{\"note\":\"again\"}").status()).isEqualTo(409);
        assertThat(get(residentSession("resident-a"), "/api/operator/emergency-accesses").status())
                .isEqualTo(403);
    }
}
