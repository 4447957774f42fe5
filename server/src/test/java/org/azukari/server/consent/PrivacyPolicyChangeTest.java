package org.azukari.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrivacyAcknowledgements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * A bank whose privacy policy changed after a resident acknowledged it: version 2 is in force,
 * version 3 is dated ahead. The resident who read version 1 is told it changed until they
 * acknowledge version 2; the page lists versions 2 and 1 with their days, never version 3.
 */
@TestPropertySource(properties = "azukari.ui.privacy-policy=classpath:privacy-policy-next/")
class PrivacyPolicyChangeTest extends RealIdentityWorld {

    @Autowired
    PrivacyAcknowledgements acknowledgements;

    @Test
    void aNewVersion_bringsTheNoticeBack_forWhoeverReadTheOldOne_untilTheyAcknowledgeIt() throws Exception {
        String username = "polchg-" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount resident = registerResident(username);
        acknowledgements.acknowledge(resident.account(), 1);
        String session = signInAs(username, "resident");

        String home = http.get("/portal?lang=en", cookie(session)).body();
        assertThat(home).contains("id=\"policy-notice\"")
                .contains("The bank&#39;s privacy policy changed: version 2 is in force since 2026-12-05.");
        assertThat(http.get("/portal?lang=ja", cookie(session)).body())
                .contains("2026-12-05から第2版が適用されています");
        Matcher csrf = PrivacyPolicyPagesTest.CSRF_FIELD.matcher(home);
        assertThat(csrf.find()).isTrue();
        assertThat(http.postForm("/portal/privacy/acknowledge", form("version", "1", "_csrf", csrf.group(1)),
                cookie(session)).status()).as("only the version in force").isEqualTo(400);

        RawHttp.Response acknowledged = http.postForm("/portal/privacy/acknowledge",
                form("version", "2", "_csrf", csrf.group(1)), cookie(session));

        assertThat(acknowledged.status()).isEqualTo(302);
        assertThat(acknowledgements.acknowledged(resident.account())).hasValue(2);
        assertThat(http.get("/portal?lang=en", cookie(session)).body()).doesNotContain("id=\"policy-notice\"");
    }

    @Test
    void thePage_showsTheVersionInForce_andTheHistoryWithDays_butNotAVersionDatedAhead() throws Exception {
        String en = http.get("/privacy?lang=en").body();

        assertThat(en).contains("Version 2, in force since 2026-12-05").contains("Our new contact")
                .contains("data-version=\"2\"").contains("data-version=\"1\"").contains("2026-12-01")
                .contains("A new privacy contact.").contains("First version.")
                .doesNotContain("data-version=\"3\"").doesNotContain("A version not yet in force.");
        String old = http.get("/privacy?version=1&lang=en").body();
        assertThat(old).contains("You are reading version 1, which is no longer in force.")
                .contains("Sharing only with your consent");
        assertThat(http.get("/privacy?version=3").status()).isEqualTo(404);
    }
}
