package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.AuthorizationStart;
import org.azukari.identity.api.FederatedSignIn;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProviderId;
import org.azukari.server.testing.Browser;
import org.azukari.server.testing.RawHttp;
import org.azukari.trustbank.testing.RequiredEnv;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-up and sign-in with the card, end to end: Chromium on the bank's sign-in page, the real
 * OpenID Connect provider (Keycloak from infra/, realm {@code infra/keycloak/realm-azukari-it.json},
 * standing in for the national My Number card authentication), and back. The provider's address
 * comes from AZUKARI_IT_KEYCLOAK_ISSUER and the client secret from AZUKARI_IT_KEYCLOAK_CLIENT_SECRET:
 * without them the test fails. A second provider, {@code down}, points at a port nothing listens on.
 * The bank listens on a fixed port (18182) because the callback registered at the provider names it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "server.port=" + CardSignInBrowserIT.PORT,
        "azukari.data-dir=./target/card-sign-in-it-${random.uuid}", "azukari.demo.enabled=false",
        "azukari.identity.federation.providers.card.client-id=azukari-bank",
        "azukari.identity.federation.providers.card.redirect-uri=http://127.0.0.1:" + CardSignInBrowserIT.PORT
                + "/signin/oidc/card/callback",
        "azukari.identity.federation.providers.card.proofing=MY_NUMBER_CARD_PUBLIC_AUTHENTICATION",
        "azukari.identity.federation.providers.card.resident-address-prefixes=東京都千代田区",
        "azukari.identity.federation.providers.card.label-en=My Number card",
        "azukari.identity.federation.providers.card.label-ja=マイナンバーカード",
        "azukari.identity.federation.providers.down.issuer=http://127.0.0.1:18189/realms/down",
        "azukari.identity.federation.providers.down.client-id=azukari-bank",
        "azukari.identity.federation.providers.down.client-secret=unused",
        "azukari.identity.federation.providers.down.redirect-uri=http://127.0.0.1:" + CardSignInBrowserIT.PORT
                + "/signin/oidc/down/callback",
        "azukari.identity.federation.providers.down.proofing=MY_NUMBER_CARD_PUBLIC_AUTHENTICATION",
        "azukari.identity.federation.providers.down.label-en=City digital ID",
        "azukari.identity.federation.providers.down.label-ja=市のデジタルID"})
class CardSignInBrowserIT {

    static final int PORT = 18182;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("azukari.identity.federation.providers.card.issuer",
                () -> RequiredEnv.get("AZUKARI_IT_KEYCLOAK_ISSUER"));
        registry.add("azukari.identity.federation.providers.card.client-secret",
                () -> RequiredEnv.get("AZUKARI_IT_KEYCLOAK_CLIENT_SECRET"));
        // here, not in properties: a colon in a key would end the key there
        registry.add("azukari.identity.federation.providers.card.acr-levels.[urn:azukari-it:acr:my-number-card]",
                () -> "HIGH");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PeopleRegistry people;

    @Autowired
    FederatedSignIn federated;

    private int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    private Map<String, Object> latestEvidence() {
        return jdbc.queryForMap("SELECT * FROM id_proofing_evidence ORDER BY evidence_id DESC LIMIT 1");
    }

    /** The sign-in page, the card's button, the provider's login form, and back to the bank. */
    private static void signInWithTheCard(Browser browser, String user, String password, String language)
            throws Exception {
        browser.go("/signin?lang=" + language);
        browser.press(By.id("signin-with-card"));
        assertThat(browser.url()).startsWith(RequiredEnv.get("AZUKARI_IT_KEYCLOAK_ISSUER"));
        browser.signIn(user, password);
    }

    @Test
    void firstSignInWithTheCard_createsAResident_landsOnThePortal_andTheNextSignInComesBackToTheSameAccount()
            throws Exception {
        int accountsBefore = count("id_account");
        AccountId created;
        try (Browser browser = Browser.open(PORT)) {
            browser.go("/signin?lang=en");
            assertThat(browser.find(By.id("signin-with-card")).getText()).isEqualTo("Sign in with My Number card");
            browser.assertAccessible("sign-in with providers");
            browser.screenshot("signin-card-en");
            signInWithTheCard(browser, "taro", "taro-card-pin-it", "en");

            assertThat(browser.path()).isEqualTo("/portal");
            Map<String, Object> evidence = latestEvidence();
            assertThat(evidence).containsEntry("PROVIDER_ID", "card").containsEntry("ACCOUNT_CREATED", true)
                    .containsEntry("ACR", "urn:azukari-it:acr:my-number-card").containsEntry("ASSURANCE_LEVEL", "HIGH");
            created = new AccountId((UUID) evidence.get("ACCOUNT_ID"));
            PersonAccount account = people.findAccount(created).orElseThrow();
            assertThat(account.kind()).isEqualTo(PrincipalKind.RESIDENT);
            assertThat(account.assurance()).contains(AssuranceLevel.HIGH);
            assertThat(count("id_account")).isEqualTo(accountsBefore + 1);
            assertThat(jdbc.queryForObject("SELECT subject_hash FROM id_federated_link WHERE account_id = ?",
                    String.class, created.value())).matches("[0-9a-f]{64}");

            // signed in with the card, the card-level actions are open: no step-up
            browser.go("/portal/my-data/erase");
            assertThat(browser.path()).isEqualTo("/portal/my-data/erase");
        }
        try (Browser another = Browser.open(PORT)) { // a fresh browser: no session at the bank or the provider
            signInWithTheCard(another, "taro", "taro-card-pin-it", "ja");

            assertThat(another.path()).isEqualTo("/portal");
            assertThat(latestEvidence()).containsEntry("ACCOUNT_CREATED", false)
                    .containsEntry("ACCOUNT_ID", created.value());
            assertThat(count("id_account")).isEqualTo(accountsBefore + 1);
        }
    }

    @Test
    void firstSignInWithTheCard_withAnAddressOutsideTheCity_createsAnEResident() throws Exception {
        try (Browser browser = Browser.open(PORT)) {
            signInWithTheCard(browser, "alice", "alice-card-pin-it", "en");

            assertThat(browser.path()).isEqualTo("/portal");
            Map<String, Object> evidence = latestEvidence();
            PersonAccount account = people.findAccount(new AccountId((UUID) evidence.get("ACCOUNT_ID"))).orElseThrow();
            assertThat(account.kind()).isEqualTo(PrincipalKind.E_RESIDENT);
        }
    }

    @Test
    void theAnswer_withAnotherState_showsTheErrorPage_andCreatesNothing() throws Exception {
        try (Browser browser = Browser.open(PORT)) {
            browser.go("/signin?lang=en");
            browser.press(By.id("signin-with-card")); // a sign-in in progress, remembered in the session
            int accounts = count("id_account");

            browser.go("/signin/oidc/card/callback?state=forged-state&code=forged-code");

            assertThat(browser.find(By.id("error-code")).getText()).isEqualTo("ID-0301");
            assertThat(browser.text()).contains("Nothing was created");
            browser.assertAccessible("sign-in refused");
            assertThat(count("id_account")).isEqualTo(accounts);
        }
    }

    @Test
    void theProvidersCode_usedASecondTime_isRefusedByTheProvider() throws Exception {
        AuthorizationStart start = federated.begin(new ProviderId("card"));
        URI callback;
        try (Browser browser = Browser.open(PORT)) {
            browser.goTo(start.redirectTo().toString());
            browser.signIn("alice", "alice-card-pin-it"); // taro's first sign-in belongs to the test above
            // the browser's own session holds no sign-in in progress: the bank refused it without using the code
            assertThat(browser.find(By.id("error-code")).getText()).isEqualTo("ID-0301");
            callback = URI.create(browser.url());
        }
        assertThat(federated.complete(start.pending(), callback)).isNotNull();
        int evidence = count("id_proofing_evidence");

        assertThatThrownBy(() -> federated.complete(start.pending(), callback))
                .isInstanceOfSatisfying(FederatedSignInException.class, e -> assertThat(e.code()).isEqualTo("ID-0303"));
        assertThat(count("id_proofing_evidence")).isEqualTo(evidence);
    }

    @Test
    void aProviderThatDoesNotAnswer_showsTheUnavailablePageWith503_andCreatesNothing() throws Exception {
        int accounts = count("id_account");
        try (Browser browser = Browser.open(PORT)) {
            browser.go("/signin?lang=ja");
            browser.press(By.id("signin-with-down"));

            assertThat(browser.find(By.id("error-code")).getText()).isEqualTo("ID-0310");
            assertThat(browser.text()).contains("何も作成されていません");
        }
        RawHttp.Response answer = new RawHttp(PORT).get("/signin/oidc/down");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(count("id_account")).isEqualTo(accounts);
    }
}
