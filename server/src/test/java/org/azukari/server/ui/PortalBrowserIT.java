package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.Browser;
import org.azukari.server.testing.PortalRecords;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * A resident's whole journey in a real browser, in English and in Japanese, with the keyboard only:
 * sign in, the home page, records, one record, the charts, a consent request answered yes, who can
 * see, the consent withdrawn, both in the access log, a share code, both downloads, and erasure.
 * Every page is checked with axe-core and photographed into target/screenshots/.
 */
class PortalBrowserIT extends RealIdentityWorld {

    @Autowired
    Consents consents;

    @Autowired
    PrivacyAssessments assessments;

    private void askForConsent(PortalRecords.Resident resident) {
        String text = "『健康アドバイス』を目的として、『医療データ』を提供してよいですか？";
        AssessmentSubject service = AssessmentSubject.recipient(world().wellness().value());
        if (assessments.current(service).isEmpty()) {
            assessments.record(service, Assessed.terms(), "browser-test");
        }
        consents.request(resident.id(), new ConsentTerms(Recipient.organisation(world().wellness().value()),
                new Purpose("health-advice"), Set.of(ConsentCategory.all(DataCategory.MEDICAL)),
                ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "operator"),
                new AccessActor("OPERATOR", "browser-test", Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "ja"})
    void resident_readsRecordsAndAChart_approvesAndWithdrawsAConsent_seesBothLogged_downloads_andErases(
            String language) throws Exception {
        PortalRecords.Resident resident = PortalRecords.residentWithRecords(this, "journey-" + language);
        askForConsent(resident);
        boolean en = language.equals("en");
        try (Browser browser = Browser.open(port)) {
            browser.go("/privacy?lang=" + language);
            assertThat(browser.find(By.id("policy-history")).getText()).isNotBlank();
            browser.assertAccessible("privacy policy, signed out");
            browser.screenshot("privacy-" + language);
            browser.go("/signin?lang=" + language);
            browser.assertAccessible("sign-in");
            browser.screenshot("signin-" + language);
            browser.signIn(resident.username(), PASSWORD);

            assertThat(browser.path()).isEqualTo("/portal");
            assertThat(browser.find(By.id("record-total")).getText()).isEqualTo("13");
            assertThat(browser.text()).contains(en ? "One question waits for your answer" : "回答待ちの質問が1件あります");
            browser.assertAccessible("home");
            browser.screenshot("home-" + language);
            browser.press(By.cssSelector("#policy-notice a"));
            assertThat(browser.path()).isEqualTo("/privacy");
            browser.assertAccessible("privacy policy, signed in");
            browser.go("/portal");
            browser.press(By.cssSelector("#policy-notice button"));
            assertThat(browser.path()).isEqualTo("/portal");
            assertThat(browser.all(By.id("policy-notice"))).isEmpty();
            browser.assertAccessible("home after acknowledging the policy");
            browser.phone();
            for (String page : java.util.List.of("/portal", "/portal/records", "/portal/charts", "/portal/consents",
                    "/portal/activity")) {
                browser.go(page);
                assertThat(browser.scrollsSideways()).as(page + " on a phone").isFalse();
            }
            browser.go("/portal");
            browser.screenshot("home-phone-" + language);
            browser.desktop();

            browser.press(By.linkText(en ? "Records" : "記録"));
            assertThat(browser.text()).contains("HbA1c").contains("7.2 %").contains("Metformin 500 mg");
            browser.assertAccessible("records");
            browser.screenshot("records-" + language);
            browser.type(By.id("q"), "metformin");
            browser.press(By.cssSelector("form[role=search] button"));
            assertThat(browser.find(By.id("records-found")).getText()).startsWith(en ? "1 of 13" : "13件中 1件");

            browser.press(By.linkText("Metformin 500 mg"));
            assertThat(browser.text()).contains("1 tablet twice a day");
            browser.assertAccessible("record");
            browser.screenshot("record-" + language);

            browser.go("/portal/charts");
            assertThat(browser.all(By.cssSelector(".chart svg"))).hasSize(3);
            assertThat(browser.text()).contains("HbA1c (%)");
            browser.assertAccessible("charts");
            browser.screenshot("charts-" + language);

            browser.press(By.linkText(en ? "Consents" : "同意"));
            assertThat(browser.text()).contains(en ? "For the purpose" : "を目的として、『医療データ』を提供してよいですか？");
            browser.assertAccessible("consents with a question");
            browser.screenshot("consent-question-" + language);
            assertThat(browser.find(By.cssSelector(".service-assessment")).getText()).contains("Re-identification");
            browser.press(By.cssSelector(".service-assessment a.full-assessment"));
            assertThat(browser.path()).startsWith("/portal/services/");
            browser.assertAccessible("the service and its assessment");
            browser.screenshot("service-assessment-" + language);
            browser.go("/portal/consents");
            browser.press(By.cssSelector("button[name=answer][value=yes]"));
            assertThat(browser.find(By.id("done")).getText()).isNotBlank();
            assertThat(browser.all(By.cssSelector("#active-consents tbody tr"))).hasSize(1);
            browser.assertAccessible("consents");
            browser.screenshot("consents-" + language);

            browser.press(By.linkText(en ? "Who can see" : "見られる人"));
            assertThat(browser.find(By.id("who-can-see")).getText()).contains("Test well-" + world().suffix());
            browser.assertAccessible("who can see");
            browser.screenshot("sharing-" + language);

            browser.go("/portal/consents");
            browser.press(By.cssSelector("#active-consents button.danger"));
            assertThat(browser.all(By.id("active-consents"))).isEmpty();

            browser.press(By.linkText(en ? "Access log" : "アクセス記録"));
            String log = browser.find(By.id("activity")).getText();
            assertThat(log).contains(en ? "Consent request answered" : "同意依頼への回答")
                    .contains(en ? "Consent changed" : "同意の変更");
            browser.assertAccessible("access log");
            browser.screenshot("activity-" + language);

            browser.go("/portal/share-code");
            browser.press(By.id("issue-share-code"));
            assertThat(browser.find(By.id("share-code")).getText()).matches("[A-Z0-9]{6,}");
            assertThat(browser.all(By.cssSelector(".qr svg path"))).hasSize(1);
            browser.assertAccessible("share code");
            browser.screenshot("share-code-" + language);

            browser.press(By.linkText(en ? "My data" : "わたしのデータ"));
            browser.assertAccessible("my data");
            browser.find(By.id("download-records")).sendKeys(Keys.ENTER);
            assertThat(Files.readString(browser.download("azukari-records.json")))
                    .contains("\"resourceType\": \"Bundle\"").contains("Metformin 500 mg");
            browser.find(By.id("download-log")).sendKeys(Keys.ENTER);
            assertThat(Files.readString(browser.download("azukari-access-log.csv")))
                    .startsWith("time,action").contains("resident-download").doesNotContain("unlisted-path");

            browser.press(By.id("to-erase"));
            browser.assertAccessible("erase confirmation");
            browser.screenshot("erase-" + language);
            browser.tick(By.id("understood"));
            browser.type(By.id("confirm"), "erase-everything");
            browser.press(By.id("erase-now"));
            assertThat(browser.find(By.id("erased")).getText()).isNotBlank();
            assertThat(browser.find(By.id("holds-nothing")).isDisplayed()).isTrue();
            browser.assertAccessible("after erasure");
            browser.screenshot("erased-" + language);
            browser.go("/portal/activity");
            assertThat(browser.find(By.id("activity")).getText()).contains(en ? "Erased" : "削除");
        }
    }

    @Test
    void theFirstTab_reachesTheSkipLink_andItsEnterMovesTheFocusToTheContent() throws Exception {
        PortalRecords.Resident resident = PortalRecords.residentWithRecords(this, "keyboard");
        try (Browser browser = Browser.open(port)) {
            browser.go("/signin?lang=en");
            browser.signIn(resident.username(), PASSWORD);

            WebElement first = browser.tabFromTop(1);
            assertThat(first.getText()).isEqualTo("Skip to content");
            browser.key(Keys.ENTER);
            assertThat(browser.path()).endsWith("#main");
            assertThat(browser.tabFromTop(0).getAttribute("id")).isEqualTo("main");
        }
    }
}
