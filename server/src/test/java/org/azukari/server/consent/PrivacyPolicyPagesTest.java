package org.azukari.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrivacyAcknowledgements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The bank's published privacy policy (mission 7): public at {@code /privacy} in Japanese and
 * English with its history, and a notice on the resident's home page until they acknowledge the
 * version in force (a posted form with the CSRF token).
 */
class PrivacyPolicyPagesTest extends RealIdentityWorld {

    static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    PrivacyAcknowledgements acknowledgements;

    @Test
    void thePolicy_isPublic_inEnglishAndJapanese_withItsVersionAndHistory() throws Exception {
        RawHttp.Response en = http.get("/privacy?lang=en");
        RawHttp.Response ja = http.get("/privacy?lang=ja");

        assertThat(en.status()).isEqualTo(200);
        assertThat(en.cookie(COOKIE)).as("no session for a visitor").isNull();
        assertThat(en.body()).contains("<h1>Privacy policy</h1>").contains("Version 1, in force since 2026-12-01")
                .contains("Sharing only with your consent").contains("never stores your My Number")
                .contains("at least ten years").contains("Changes to this policy")
                .contains("id=\"policy-history\"").contains("First version.");
        assertThat(ja.status()).isEqualTo(200);
        assertThat(ja.body()).contains("<h1>プライバシーポリシー</h1>").contains("第1版（2026-12-01から適用）")
                .contains("同意したときだけ提供します").contains("マイナンバー（個人番号）は決して保存しません")
                .contains("このポリシーの改定履歴").contains("初版。");
        assertThat(http.get("/privacy?version=1&lang=en").body()).contains("Version 1, in force since");
        assertThat(http.get("/privacy?version=9").status()).isEqualTo(404);
        assertThat(http.get("/privacy?version=abc").status()).isEqualTo(400);
    }

    @Test
    void everyPage_linksThePolicy_fromItsFooter() throws Exception {
        assertThat(http.get("/signin?lang=en").body()).contains("href=\"/privacy\"").contains("Privacy policy");
    }

    @Test
    void aResidentWhoNeverAcknowledged_isAskedToReadIt_andTheNoticeEndsOnceAcknowledgedWithTheCsrfToken()
            throws Exception {
        String username = "polres-" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount resident = registerResident(username);
        String session = signInAs(username, "resident");
        String home = http.get("/portal?lang=en", cookie(session)).body();
        Matcher csrf = CSRF_FIELD.matcher(home);
        assertThat(csrf.find()).isTrue();

        assertThat(home).contains("id=\"policy-notice\"")
                .contains("Please read the bank&#39;s privacy policy (version 1, in force since 2026-12-01)");
        RawHttp.Response forged = http.postForm("/portal/privacy/acknowledge", form("version", "1"), cookie(session));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(http.get("/portal?lang=en", cookie(session)).body()).contains("id=\"policy-notice\"");
        RawHttp.Response wrongVersion = http.postForm("/portal/privacy/acknowledge",
                form("version", "7", "_csrf", csrf.group(1)), cookie(session));
        assertThat(wrongVersion.status()).isEqualTo(400);
        assertThat(acknowledgements.acknowledged(resident.account())).isEmpty();

        RawHttp.Response acknowledged = http.postForm("/portal/privacy/acknowledge",
                form("version", "1", "_csrf", csrf.group(1)), cookie(session));

        assertThat(acknowledged.status()).isEqualTo(302);
        assertThat(acknowledged.header("Location")).endsWith("/portal");
        assertThat(acknowledgements.acknowledged(resident.account())).hasValue(1);
        String after = http.get("/portal?lang=en", cookie(session)).body();
        assertThat(after).doesNotContain("id=\"policy-notice\"");
        assertThat(http.postForm("/portal/privacy/acknowledge", form("version", "1", "_csrf", csrf.group(1)))
                .status()).as("signed out").isIn(302, 401);
    }
}
