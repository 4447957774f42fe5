package org.azukari.identity.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.ProviderId;
import org.azukari.identity.people.jdbc.JdbcAccounts;
import org.azukari.identity.registry.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts from verified sign-ins, on H2 as the application migrates it: the city's rule for the
 * kind, the assurance from {@code acr}, the evidence, the same account on the next sign-in, and
 * the subject stored only as a keyed hash.
 */
class FederatedAccountsTest {

    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");
    private static final String SUBJECT = "a7f3c2d9-subject-of-taro";

    @TempDir
    Path dir;
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private FederatedAccounts accounts;

    @BeforeEach
    void database() {
        dataSource = TestDatabase.migrated(dir);
        jdbc = new JdbcTemplate(dataSource);
        accounts = accountsWithKey(new byte[32]);
    }

    private FederatedAccounts accountsWithKey(byte[] key) {
        return new FederatedAccounts(new JdbcAccounts(dataSource), new JdbcFederatedLinks(dataSource),
                new SubjectHashes(key), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static VerifiedSignIn signIn(String provider, String subject, Optional<String> acr, Optional<String> address) {
        return new VerifiedSignIn(new ProviderId(provider), subject, acr, List.of("hwk"), Optional.of(NOW.minusSeconds(5)),
                address);
    }

    private static VerifiedSignIn taroWithTheCard() {
        return signIn("card", SUBJECT, Optional.of(Providers.CARD_ACR), Optional.of("石川県加賀市大聖寺南町ニ41"));
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    @Test
    void firstSignIn_withAnAddressInTheCity_createsAResidentAtTheCardsLevel_andRecordsTheEvidence() {
        FederatedAccounts.Outcome outcome = accounts.signIn(Providers.card(), taroWithTheCard());

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.account().kind()).isEqualTo(PrincipalKind.RESIDENT);
        assertThat(outcome.account().assurance()).contains(AssuranceLevel.HIGH);
        assertThat(outcome.account().resident()).isPresent();
        Map<String, Object> row = jdbc.queryForMap("SELECT principal_kind, assurance_level, proofing_method FROM id_account"
                + " WHERE account_id = ?", outcome.account().account().value());
        assertThat(row).containsEntry("PRINCIPAL_KIND", "RESIDENT").containsEntry("ASSURANCE_LEVEL", "HIGH")
                .containsEntry("PROOFING_METHOD", ProofingMethod.MY_NUMBER_CARD_PUBLIC_AUTHENTICATION.name());
        Map<String, Object> evidence = jdbc.queryForMap("SELECT * FROM id_proofing_evidence");
        assertThat(evidence).containsEntry("PROVIDER_ID", "card").containsEntry("ACR", Providers.CARD_ACR)
                .containsEntry("AMR", "hwk").containsEntry("ASSURANCE_LEVEL", "HIGH").containsEntry("ACCOUNT_CREATED", true);
        assertThat(evidence.get("AUTHENTICATED_AT")).isNotNull();
    }

    @Test
    void firstSignIn_withAnAddressElsewhere_createsAnEResident() {
        FederatedAccounts.Outcome outcome = accounts.signIn(Providers.card(),
                signIn("card", "alice", Optional.of(Providers.CARD_ACR), Optional.of("大阪府大阪市北区中之島1-3-20")));

        assertThat(outcome.account().kind()).isEqualTo(PrincipalKind.E_RESIDENT);
    }

    @Test
    void firstSignIn_withoutAnAddress_createsAnEResident() {
        assertThat(accounts.signIn(Providers.card(), signIn("card", "bob", Optional.of(Providers.CARD_ACR),
                Optional.empty())).account().kind()).isEqualTo(PrincipalKind.E_RESIDENT);
    }

    @Test
    void firstSignIn_withFullWidthCharactersInTheAddress_isMatchedAfterNfkc() {
        assertThat(accounts.signIn(Providers.card(), signIn("card", "hanako", Optional.of(Providers.CARD_ACR),
                Optional.of("石川県加賀市山中温泉１－２"))).account().kind()).isEqualTo(PrincipalKind.RESIDENT);
    }

    @Test
    void firstSignIn_withAnAcrNotConfigured_createsTheAccountAtLow() {
        assertThat(accounts.signIn(Providers.card(), signIn("card", "jiro", Optional.of("urn:unknown"),
                Optional.empty())).account().assurance()).contains(AssuranceLevel.LOW);
        assertThat(accounts.signIn(Providers.card(), signIn("card", "saburo", Optional.empty(),
                Optional.empty())).account().assurance()).contains(AssuranceLevel.LOW);
    }

    @Test
    void secondSignIn_throughTheSameProvider_comesBackToTheSameAccount_andAddsEvidenceOnly() {
        FederatedAccounts.Outcome first = accounts.signIn(Providers.card(), taroWithTheCard());
        FederatedAccounts.Outcome second = accounts.signIn(Providers.card(), taroWithTheCard());

        assertThat(second.created()).isFalse();
        assertThat(second.account().account()).isEqualTo(first.account().account());
        assertThat(count("id_account")).isEqualTo(1);
        assertThat(count("id_federated_link")).isEqualTo(1);
        assertThat(count("id_proofing_evidence")).isEqualTo(2);
    }

    @Test
    void theSameSubject_fromAnotherProvider_isAnotherPerson() {
        FederatedAccounts.Outcome card = accounts.signIn(Providers.card(), taroWithTheCard());
        FederatedAccounts.Outcome city = accounts.signIn(Providers.cityId(),
                signIn("city-id", SUBJECT, Optional.of("urn:example:acr:city-id"), Optional.empty()));

        assertThat(city.account().account()).isNotEqualTo(card.account().account());
        assertThat(city.account().assurance()).contains(AssuranceLevel.SUBSTANTIAL);
    }

    @Test
    void theSubject_isStoredOnlyAsAKeyedHash_inNoTableInClear() {
        accounts.signIn(Providers.card(), taroWithTheCard());

        String hash = jdbc.queryForObject("SELECT subject_hash FROM id_federated_link", String.class);
        assertThat(hash).matches("[0-9a-f]{64}").isNotEqualTo(SUBJECT);
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'", String.class)) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
                assertThat(row.toString()).as(table).doesNotContain(SUBJECT).doesNotContain("加賀市")
                        .doesNotContain("subject-of-taro");
            }
        }
    }

    @Test
    void theSubjectHash_dependsOnTheKey_soAnotherKeyDoesNotFindTheAccount() {
        accounts.signIn(Providers.card(), taroWithTheCard());
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        FederatedAccounts.Outcome underAnotherKey = accountsWithKey(otherKey).signIn(Providers.card(), taroWithTheCard());

        assertThat(underAnotherKey.created()).isTrue();
    }

    @Test
    void signIn_toADisabledAccount_isRefused_andRecordsNothing() {
        FederatedAccounts.Outcome first = accounts.signIn(Providers.card(), taroWithTheCard());
        new JdbcAccounts(dataSource).setDisabled(first.account().account(), Optional.of(NOW));

        assertThatThrownBy(() -> accounts.signIn(Providers.card(), taroWithTheCard()))
                .isInstanceOfSatisfying(FederatedSignInException.class, e -> assertThat(e.code()).isEqualTo("ID-0305"));
        assertThat(count("id_proofing_evidence")).isEqualTo(1);
    }

    @Test
    void signIn_withATwelveDigitNumberInTheAcr_isRefused_andCreatesNothing() {
        assertThatThrownBy(() -> accounts.signIn(Providers.card(), signIn("card", "x", Optional.of("urn:acr:1234-5678-9012"),
                Optional.empty()))).isInstanceOf(FederatedSignInException.class).hasMessageStartingWith("ID-0304");
        assertThat(count("id_account")).isZero();
        assertThat(count("id_federated_link")).isZero();
    }

    @Test
    void aCreatedAccount_hasNoPasswordThatAnyPasswordMatches_andARandomSignInName() {
        FederatedAccounts.Outcome outcome = accounts.signIn(Providers.card(), taroWithTheCard());

        Map<String, Object> row = jdbc.queryForMap("SELECT username, password_hash FROM id_account WHERE account_id = ?",
                outcome.account().account().value());
        assertThat(row.get("PASSWORD_HASH")).isEqualTo(org.azukari.identity.people.Accounts.NO_PASSWORD);
        assertThat((String) row.get("USERNAME")).matches("id-[0-9a-f]{10}x[0-9a-f]{10}");
    }

    @Test
    void providerSettings_thatAreUnsafe_stopTheStart() {
        assertThatThrownBy(() -> ProviderSettings.of("card", Providers.properties("http://card.example.jp")))
                .hasMessageStartingWith("ID-0390");
        FederationProperties.Provider good = Providers.properties(Providers.ISSUER);
        assertThatThrownBy(() -> ProviderSettings.of("card", new FederationProperties.Provider(good.issuer(),
                good.clientId(), " ", good.redirectUri(), good.scopes(), good.proofing(), good.acrLevels(),
                good.residentAddressPrefixes(), null, null, good.timeout(), good.clockSkew(), good.idTokenAlgorithms())))
                .hasMessageStartingWith("ID-0390");
        assertThatThrownBy(() -> ProviderSettings.of("card", new FederationProperties.Provider(good.issuer(),
                good.clientId(), "s", good.redirectUri(), good.scopes(), ProofingMethod.IN_PERSON_AT_CITY_OFFICE,
                good.acrLevels(), good.residentAddressPrefixes(), null, null, good.timeout(), good.clockSkew(),
                good.idTokenAlgorithms()))).hasMessageStartingWith("ID-0390");
        assertThatThrownBy(() -> ProviderSettings.of("card", new FederationProperties.Provider(good.issuer(),
                good.clientId(), "s", good.redirectUri(), good.scopes(), good.proofing(), good.acrLevels(),
                good.residentAddressPrefixes(), null, null, good.timeout(), good.clockSkew(), List.of("HS256"))))
                .hasMessageStartingWith("ID-0390");
    }
}
