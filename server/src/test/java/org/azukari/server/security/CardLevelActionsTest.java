package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.AssuranceRule;
import org.azukari.identity.api.ProviderId;
import org.azukari.identity.api.SessionAssurance;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.RawHttp;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The actions that need card-level assurance ({@link AssuranceRule}) are refused to a session
 * below it on every route that performs them — the pages and the form post, not just the link —
 * with a 303 to the step-up page, and nothing is done; a session at the card's level performs them.
 * The e-resident of the world was proofed at {@code SUBSTANTIAL} and signs in with a password.
 */
class CardLevelActionsTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    TrustBank bank;

    @Test
    void downloadEverything_belowCardLevel_isSentToTheStepUpPage() throws Exception {
        String session = signIn("e-resident");

        RawHttp.Response answer = http.get("/portal/my-data/records.json", cookie(session));

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith("/portal/step-up");
        assertThat(answer.body()).doesNotContain("resourceType");
    }

    @Test
    void erasePageAndErasePost_belowCardLevel_areSentToTheStepUpPage_andNothingIsErased() throws Exception {
        String session = signIn("e-resident");
        String csrf = csrfFrom(http.get("/portal", cookie(session)).body());

        RawHttp.Response page = http.get("/portal/my-data/erase", cookie(session));
        RawHttp.Response post = http.postForm("/portal/my-data/erase",
                form("understood", "yes", "confirm", "erase-everything", "_csrf", csrf), cookie(session));

        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).endsWith("/portal/step-up");
        assertThat(post.status()).isEqualTo(303);
        assertThat(post.header("Location")).endsWith("/portal/step-up");
        // an erased resident cannot be enrolled again (ResidentErasedException): this one can
        assertThatCode(() -> bank.enrol(world().people().get("e-resident").resident().orElseThrow()))
                .doesNotThrowAnyException();
    }

    @Test
    void stepUpPage_saysToSignInAgainWithTheCard_inBothLanguages() throws Exception {
        String session = signIn("e-resident");

        RawHttp.Response en = http.get("/portal/step-up?lang=en", cookie(session));
        RawHttp.Response ja = http.get("/portal/step-up?lang=ja", cookie(session));

        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body()).contains("Sign in again with your My Number card");
        assertThat(ja.body()).contains("マイナンバーカードでもう一度サインイン");
    }

    @Test
    void cardLevelActions_atCardLevel_areServed() throws Exception {
        String session = signIn("resident-a");

        assertThat(http.get("/portal/my-data/records.json", cookie(session)).status()).isEqualTo(200);
        assertThat(http.get("/portal/my-data/erase", cookie(session)).status()).isEqualTo(200);
    }

    @Test
    void assuranceRule_withoutAnAssuranceOrBelowHigh_refuses() {
        SessionAssurance substantial = new SessionAssurance(AssuranceLevel.SUBSTANTIAL,
                java.util.Optional.of(new ProviderId("city-id")));
        SessionAssurance high = new SessionAssurance(AssuranceLevel.HIGH, java.util.Optional.empty());

        for (AssuranceRule rule : AssuranceRule.values()) {
            assertThat(rule.allows(java.util.Optional.empty())).as(rule + " unknown").isFalse();
            assertThat(rule.allows(java.util.Optional.of(substantial))).as(rule + " substantial").isFalse();
            assertThat(rule.allows(java.util.Optional.of(high))).as(rule + " high").isTrue();
        }
    }

    private static String csrfFrom(String body) {
        Matcher m = CSRF_FIELD.matcher(body);
        assertThat(m.find()).as("a CSRF field").isTrue();
        return m.group(1);
    }
}
