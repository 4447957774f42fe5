package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.Browser;
import org.azukari.server.testing.PortalRecords;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The two other kinds of people in a real browser, keyboard only, every page checked with axe-core
 * and photographed in both languages: a practitioner using a resident's share code (nothing shown
 * until the resident says yes in her own browser), and an operator approving a dataset request.
 */
class ClinicAndConsoleBrowserIT extends RealIdentityWorld {

    @Autowired
    DatasetRequests datasets;

    @Test
    void practitioner_entersAShareCode_andSeesTheRecords_onceTheResidentHasSaidYes() throws Exception {
        PortalRecords.Resident resident = PortalRecords.residentWithRecords(this, "clinic-visit");
        try (Browser residentBrowser = Browser.open(port); Browser clinicBrowser = Browser.open(port)) {
            residentBrowser.go("/signin?lang=en");
            residentBrowser.signIn(resident.username(), PASSWORD);
            residentBrowser.go("/portal/share-code");
            residentBrowser.press(By.id("issue-share-code"));
            String code = residentBrowser.find(By.id("share-code")).getText();

            clinicBrowser.go("/signin?lang=en");
            clinicBrowser.signIn(usernameOf("practitioner"), PASSWORD);
            assertThat(clinicBrowser.path()).isEqualTo("/clinic");
            clinicBrowser.assertAccessible("clinic start");
            clinicBrowser.screenshot("clinic-start-en");
            clinicBrowser.type(By.id("code"), code);
            clinicBrowser.press(By.cssSelector("#main form button[type=submit]"));
            assertThat(clinicBrowser.path()).startsWith("/clinic/patients/");
            assertThat(clinicBrowser.all(By.id("nothing-shared"))).hasSize(1);
            assertThat(clinicBrowser.text()).doesNotContain("HbA1c");

            residentBrowser.go("/portal/consents");
            residentBrowser.press(By.cssSelector("button[name=answer][value=yes]"));
            assertThat(residentBrowser.all(By.cssSelector("#active-consents tbody tr"))).hasSize(1);

            clinicBrowser.go(clinicBrowser.path());
            assertThat(clinicBrowser.find(By.id("records")).getText()).contains("HbA1c").contains("7.2 %");
            clinicBrowser.assertAccessible("clinic records");
            clinicBrowser.screenshot("clinic-records-en");
            clinicBrowser.go(clinicBrowser.path().replaceFirst("\\?", "?lang=ja&"));
            clinicBrowser.assertAccessible("clinic records in Japanese");
            clinicBrowser.screenshot("clinic-records-ja");
            clinicBrowser.go("/clinic/emergency");
            clinicBrowser.assertAccessible("emergency access");
            clinicBrowser.screenshot("clinic-emergency-ja");

            residentBrowser.go("/portal/activity");
            assertThat(residentBrowser.find(By.id("activity")).getText()).contains("Test clinic-" + world().suffix());
        }
    }

    @Test
    void operator_reviewsTheConsole_andApprovesADatasetRequest_withTheKeyboard() throws Exception {
        String service = "wellbr-" + world().suffix() + System.nanoTime() % 10000;
        organisation(service, org.azukari.identity.api.OrganisationKind.WELLNESS_SERVICE, "health-advice");
        DatasetRequest request = datasets.file(Recipient.organisation(service), new DatasetSpec("Walking and HbA1c",
                new Purpose("health-advice"), Set.of(ConsentCategory.parse("MEDICAL/laboratory")),
                List.of(DatasetItem.parse("Observation|http://loinc.org|4548-4")), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), Duration.ofDays(30), Deidentification.defaults()),
                new AccessActor("WELLNESS_SERVICE", "app-" + service, Optional.of(service), Optional.empty()));
        try (Browser browser = Browser.open(port)) {
            browser.go("/signin?lang=en");
            browser.signIn(usernameOf("operator"), PASSWORD);
            assertThat(browser.path()).isEqualTo("/operator");
            for (String language : List.of("en", "ja")) {
                for (String page : List.of("", "/organisations", "/people", "/datasets", "/emergencies", "/sources")) {
                    browser.go("/operator" + page + "?lang=" + language);
                    browser.assertAccessible("operator" + page + " (" + language + ")");
                    browser.screenshot("operator" + (page.isEmpty() ? "" : "-" + page.substring(1)) + "-" + language);
                }
            }
            browser.go("/operator/datasets/" + request.id().value() + "?lang=en");
            browser.assertAccessible("dataset request");
            browser.screenshot("operator-dataset-request-en");
            browser.type(By.id("pia-purpose"), "Health advice from HbA1c and walking");
            browser.tick(By.cssSelector("input[name=piaDataItem][value='MEDICAL/laboratory']"));
            browser.type(By.id("pia-recipients"), "The service's advisers only");
            browser.type(By.id("pia-retention"), "Two years after the last advice");
            browser.type(By.id("pia-risks"), "Re-identification from rare values");
            browser.type(By.id("pia-mitigations"), "Generalised dates, k of at least 5");
            browser.type(By.id("pia-contact-name"), "Privacy officer");
            browser.type(By.id("pia-contact-reach"), "privacy@wellbr.example");
            browser.press(By.cssSelector("form[aria-labelledby=record-assessment] button[type=submit]"));
            assertThat(browser.find(By.id("assessments")).getText()).contains("Re-identification from rare values");
            browser.assertAccessible("dataset request with its assessment");
            browser.tick(By.cssSelector("input[name=outcome][value=APPROVE]"));
            browser.type(By.id("rationale"), "Proportionate to health advice");
            browser.press(By.cssSelector("form[aria-labelledby=review] button[type=submit]"));

            assertThat(datasets.find(request.id()).orElseThrow().status()).isEqualTo(DatasetRequestStatus.APPROVED);
            assertThat(browser.find(By.id("status")).getText()).isNotBlank();
            browser.assertAccessible("dataset request approved");
        }
    }
}
