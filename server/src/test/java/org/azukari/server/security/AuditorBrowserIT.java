package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The auditor in a real browser: lands on the console, every page checked with axe-core and
 * photographed in both languages, a search of the log by resident, an older page with the
 * filters by client, action, emergency and request id, and the log verified from the
 * page with the keyboard.
 */
class AuditorBrowserIT extends RealIdentityWorld {

    @Test
    void auditor_searchesTheLog_andVerifiesIt_fromTheConsole_withTheKeyboard() throws Exception {
        PortalRecords.Resident resident = PortalRecords.residentWithRecords(this, "audit-browser");
        try (Browser browser = Browser.open(port)) {
            browser.go("/signin?lang=en");
            browser.signIn(usernameOf("auditor"), PASSWORD);
            assertThat(browser.path()).isEqualTo("/audit");
            for (String language : List.of("en", "ja")) {
                for (String page : List.of("", "/log", "/emergencies", "/datasets")) {
                    browser.go("/audit" + page + "?lang=" + language);
                    browser.assertAccessible("audit" + page + " (" + language + ")");
                    browser.screenshot("audit" + (page.isEmpty() ? "" : "-" + page.substring(1)) + "-" + language);
                }
            }
            browser.go("/audit/log?lang=en");
            browser.type(By.id("resident"), resident.id().toString());
            browser.press(By.cssSelector("form.filters button[type=submit]"));
            assertThat(browser.path()).startsWith("/audit/log?");
            assertThat(browser.find(By.id("entries")).getText()).contains("INGEST").contains(resident.id().toString())
                    .doesNotContain(resident.mrn());
            browser.assertAccessible("audit log search result");
            for (String language : List.of("en", "ja")) {
                browser.go("/audit/log?lang=" + language + "&client=emr-1&action=READ&emergency=yes&request=req-1&before=1");
                assertThat(browser.find(By.id("newest")).getAttribute("href")).doesNotContain("before=");
                browser.assertAccessible("audit log older page with the new filters (" + language + ")");
            }
            browser.screenshot("audit-log-filters-ja");

            browser.go("/audit?lang=en");
            browser.press(By.cssSelector("form[aria-labelledby=verify-heading] button[type=submit]"));
            assertThat(browser.find(By.id("verification")).getText()).contains("The access log is intact.");
            browser.assertAccessible("audit verified");
            browser.screenshot("audit-verified-en");
        }
    }
}
