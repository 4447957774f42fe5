package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.azukari.accesslog.jdbc.Checkpointer;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.export.ExportJob;
import org.azukari.fhir.export.ExportJobStore;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.Browser;
import org.azukari.server.testing.PortalRecords;

/**
 * The auditor in a real browser: lands on the console, every page checked with axe-core and
 * photographed in both languages (the evidence pages with rows on them), a search of the log by
 * resident, an older page with the filters by client, action, emergency and request id, and the
 * log verified from the page with the keyboard, the run shown in the history; and the breach scope
 * of the compromised client of {@link BreachScopeWorld} with its three residents on the page.
 */
class AuditorBrowserIT extends BreachScopeWorld {

    @Autowired
    Checkpointer checkpointer;

    @Autowired
    EmergencyAccesses emergencies;

    @Autowired
    ExportJobStore exports;

    /** A signed checkpoint, a reviewed emergency access and a complete export, so that no evidence page is empty. */
    private void somethingOnEveryEvidencePage(ResidentId resident) {
        checkpointer.checkpoint();
        EmergencyAccess opened = emergencies.open(resident, world().people().get("practitioner").account().toString(),
                Recipient.organisation(world().clinic().value()), "Unconscious at the clinic, browser test", Instant.now());
        emergencies.review(opened.id(), world().people().get("operator").account().toString(), "Checked", Instant.now());
        String job = "browser-" + world().suffix();
        Instant now = Instant.now();
        exports.create(new ExportJob(job, "ds-browser", world().wellness().value(), "app-" + world().suffix(),
                List.of("Patient", "Observation"), ExportJob.Status.RUNNING, 0, 0, 0, 0, 0, Optional.empty(), now,
                Optional.empty(), now.plusSeconds(3600), new TreeMap<>(), new TreeMap<>()));
        exports.progress(job, 0, 5);
        exports.complete(job, new TreeMap<>(Map.of("Patient", 4, "Observation", 8)), 4, 1,
                new TreeMap<>(Map.of(ExportJob.K_ANONYMITY, 5)), now);
    }

    @Test
    void auditor_searchesTheLog_andVerifiesIt_fromTheConsole_withTheKeyboard() throws Exception {
        PortalRecords.Resident resident = PortalRecords.residentWithRecords(this, "audit-browser");
        somethingOnEveryEvidencePage(resident.id());
        try (Browser browser = Browser.open(port)) {
            browser.go("/signin?lang=en");
            browser.signIn(usernameOf("auditor"), PASSWORD);
            assertThat(browser.path()).isEqualTo("/audit");
            for (String language : List.of("en", "ja")) {
                for (String page : List.of("", "/log", "/emergencies", "/datasets", "/verifications", "/checkpoints",
                        "/emergencies/reviewed", "/exports", "/breach-scope")) {
                    browser.go("/audit" + page + "?lang=" + language);
                    browser.assertAccessible("audit" + page + " (" + language + ")");
                    browser.screenshot("audit" + page.replace('/', '-') + "-" + language);
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

            ZoneId city = ZoneId.of("Asia/Tokyo");
            String scope = "/audit/breach-scope?kind=client&id=" + scene().compromised().id().value() + "&from="
                    + LocalDate.ofInstant(scene().from(), city) + "&to=" + LocalDate.ofInstant(scene().to(), city);
            for (String language : List.of("en", "ja")) {
                browser.go(scope + "&lang=" + language);
                String residents = browser.find(By.id("residents")).getText();
                for (int i = 0; i < 3; i++) {
                    assertThat(residents).contains(scene().people().get(i).resident().toString());
                }
                assertThat(residents).doesNotContain(scene().people().get(3).resident().toString());
                browser.assertAccessible("audit breach scope with its residents (" + language + ")");
                browser.screenshot("audit-breach-scope-result-" + language);
            }

            browser.go("/audit?lang=en");
            browser.press(By.cssSelector("form[aria-labelledby=verify-heading] button[type=submit]"));
            assertThat(browser.find(By.id("verification")).getText()).contains("The access log is intact.")
                    .contains("Recorded in the history as verification");
            assertThat(browser.find(By.id("verifications")).getText())
                    .contains(world().people().get("auditor").account().toString());
            browser.assertAccessible("audit verified");
            browser.screenshot("audit-verified-en");
        }
    }
}
