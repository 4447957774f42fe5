package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.azukari.identity.people.PeopleFixture.PASSWORD;
import static org.azukari.identity.people.PeopleFixture.credentials;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PersonListing;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeopleRegistryTest {

    @TempDir
    Path directory;

    private PeopleFixture fixture;
    private PeopleRegistry registry;

    @BeforeEach
    void start() {
        fixture = new PeopleFixture(directory);
        registry = fixture.people.registry();
    }

    @Test
    void registerResident_withProofing_getsANewResidentIdAndIsStoredWithItsAssurance() {
        PersonAccount account = registry.registerResident(credentials("hanako.kaga"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);

        assertThat(account.kind()).isEqualTo(PrincipalKind.RESIDENT);
        assertThat(account.resident()).isPresent();
        assertThat(account.organisation()).isEmpty();
        assertThat(registry.findAccount(account.account())).contains(account);
        assertThat(fixture.jdbc.queryForObject("SELECT proofing_method FROM id_account WHERE account_id = ?",
                String.class, account.account().value())).isEqualTo("IN_PERSON_AT_CITY_OFFICE");
    }

    @Test
    void registerEResident_withMyNumberCardAuthentication_isAnEResident() {
        PersonAccount account = registry.registerEResident(credentials("e.taro"), AssuranceLevel.HIGH,
                ProofingMethod.MY_NUMBER_CARD_PUBLIC_AUTHENTICATION);

        assertThat(account.kind()).isEqualTo(PrincipalKind.E_RESIDENT);
        assertThat(account.resident()).isPresent();
        assertThat(account.assurance()).contains(AssuranceLevel.HIGH);
    }

    @Test
    void residents_listsResidentsAndEResidents_butNoOtherAccount() {
        PersonAccount resident = registry.registerResident(credentials("hanako.kaga"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        PersonAccount eResident = registry.registerEResident(credentials("e.taro"), AssuranceLevel.HIGH,
                ProofingMethod.MY_NUMBER_CARD_PUBLIC_AUTHENTICATION);
        registry.registerOperator(credentials("op.suzuki"));
        registry.registerPractitioner(PeopleFixture.HOSPITAL, credentials("dr.sato"));

        assertThat(registry.residents()).containsExactlyInAnyOrder(resident.resident().orElseThrow(),
                eResident.resident().orElseThrow());
    }

    @Test
    void people_listsEveryKindWithHowIdentityWasEstablished_newestFirst_neverAResidentId() {
        PersonAccount resident = registry.registerResident(credentials("hanako.kaga"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        PersonAccount eResident = registry.registerEResident(credentials("e.taro"), AssuranceLevel.SUBSTANTIAL,
                ProofingMethod.EQUIVALENT_FOREIGN_EID);
        PersonAccount doctor = registry.registerPractitioner(PeopleFixture.HOSPITAL, credentials("dr.sato"));

        List<PersonListing> people = registry.people(10);

        assertThat(people).extracting(PersonListing::account)
                .containsExactlyInAnyOrder(resident.account(), eResident.account(), doctor.account());
        assertThat(people).filteredOn(p -> p.account().equals(eResident.account())).singleElement()
                .satisfies(p -> {
                    assertThat(p.username()).isEqualTo("e.taro");
                    assertThat(p.kind()).isEqualTo(PrincipalKind.E_RESIDENT);
                    assertThat(p.assurance()).contains(AssuranceLevel.SUBSTANTIAL);
                    assertThat(p.proofing()).contains(ProofingMethod.EQUIVALENT_FOREIGN_EID);
                    assertThat(p.locked()).isFalse();
                });
        assertThat(people).filteredOn(p -> p.account().equals(doctor.account())).singleElement()
                .satisfies(p -> assertThat(p.organisation()).contains(PeopleFixture.HOSPITAL));
        assertThat(people.toString()).doesNotContain(resident.resident().orElseThrow().toString());
        assertThat(registry.people(1)).hasSize(1);
        assertThatThrownBy(() -> registry.people(0)).hasMessageStartingWith("ID-0160");
        assertThatThrownBy(() -> registry.people(1001)).hasMessageStartingWith("ID-0160");
    }

    @Test
    void registerEResident_provedInPersonAtTheCityOffice_isRefused() {
        assertThatThrownBy(() -> registry.registerEResident(credentials("e.taro"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ID-0108");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_account")).isZero();
    }

    @Test
    void registerResident_withoutProofing_isRefused() {
        assertThatThrownBy(() -> registry.registerResident(credentials("hanako"), null, null))
                .hasMessageStartingWith("ID-0107");
    }

    @Test
    void registerPractitioner_atAHospital_carriesTheOrganisation() {
        PersonAccount account = registry.registerPractitioner(PeopleFixture.HOSPITAL, credentials("dr.sato"));

        assertThat(account.kind()).isEqualTo(PrincipalKind.PRACTITIONER);
        assertThat(account.organisation()).contains(PeopleFixture.HOSPITAL);
        assertThat(account.resident()).isEmpty();
    }

    @Test
    void registerPractitioner_atAnUnknownOrganisation_isRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> registry.registerPractitioner(new OrganisationId("nowhere-clinic"),
                credentials("dr.sato"))).hasMessage("ID-0106 unknown organisation");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_account")).isZero();
    }

    @Test
    void registerPractitioner_atAWellnessService_isRefused() {
        assertThatThrownBy(() -> registry.registerPractitioner(PeopleFixture.WELLNESS, credentials("coach.ito")))
                .hasMessageStartingWith("ID-0109");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_account")).isZero();
    }

    @Test
    void emergencyRole_isGrantedToAPractitioner_idempotently_andRevoked() {
        PersonAccount doctor = registry.registerPractitioner(PeopleFixture.HOSPITAL, credentials("dr.sato"));
        PersonAccount other = registry.registerPractitioner(PeopleFixture.HOSPITAL, credentials("dr.kato"));
        PersonAccount operator = registry.registerOperator(credentials("ops.suzuki"));
        assertThat(registry.holdsEmergencyRole(doctor.account())).isFalse();

        registry.grantEmergencyRole(doctor.account(), operator.account());
        registry.grantEmergencyRole(doctor.account(), operator.account());

        assertThat(registry.holdsEmergencyRole(doctor.account())).isTrue();
        assertThat(registry.holdsEmergencyRole(other.account())).isFalse();
        assertThat(fixture.count("SELECT COUNT(*) FROM id_emergency_role")).isEqualTo(1);

        registry.revokeEmergencyRole(doctor.account());
        registry.revokeEmergencyRole(doctor.account());

        assertThat(registry.holdsEmergencyRole(doctor.account())).isFalse();
    }

    @Test
    void emergencyRole_isRefusedForAnyoneButAPractitioner() {
        PersonAccount resident = registry.registerResident(credentials("hanako.kaga"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        PersonAccount operator = registry.registerOperator(credentials("ops.suzuki"));

        for (AccountId account : List.of(resident.account(), operator.account(),
                new AccountId(java.util.UUID.randomUUID()))) {
            assertThatThrownBy(() -> registry.grantEmergencyRole(account, operator.account()))
                    .hasMessage("ID-0150 not a practitioner account");
            assertThatThrownBy(() -> registry.revokeEmergencyRole(account))
                    .hasMessage("ID-0150 not a practitioner account");
            assertThat(registry.holdsEmergencyRole(account)).isFalse();
        }
        assertThat(fixture.count("SELECT COUNT(*) FROM id_emergency_role")).isZero();
    }

    @Test
    void registerOperatorAndAuditor_haveNeitherOrganisationNorResident() {
        PersonAccount operator = registry.registerOperator(credentials("ops.suzuki"));
        PersonAccount auditor = registry.registerAuditor(credentials("audit.tanaka"));

        assertThat(operator.kind()).isEqualTo(PrincipalKind.OPERATOR);
        assertThat(auditor.kind()).isEqualTo(PrincipalKind.AUDITOR);
        assertThat(List.of(operator, auditor)).allSatisfy(a -> {
            assertThat(a.organisation()).isEmpty();
            assertThat(a.resident()).isEmpty();
            assertThat(a.assurance()).isEmpty();
        });
    }

    @Test
    void register_storesAShiro2Argon2idHashAndNeverThePassword() {
        PersonAccount account = registry.registerOperator(credentials("ops.suzuki"));

        String hash = fixture.jdbc.queryForObject("SELECT password_hash FROM id_account WHERE account_id = ?",
                String.class, account.account().value());
        assertThat(hash).startsWith("$shiro2$argon2id$v=19$t=1,m=1024,p=1$").doesNotContain(PASSWORD);
        fixture.flushToDisk();
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), PASSWORD)).isEmpty();
    }

    @Test
    void register_withUpperCaseUsername_foldsItSoBothSpellingsAreOneAccount() {
        registry.registerOperator(credentials("Ops.Suzuki"));

        assertThatThrownBy(() -> registry.registerAuditor(credentials("ops.suzuki")))
                .hasMessage("ID-0104 username not available");
        assertThat(fixture.jdbc.queryForObject("SELECT username FROM id_account", String.class)).isEqualTo("ops.suzuki");
    }

    @Test
    void register_withTakenUsername_isRefusedAndLeavesTheFirstAccountUntouched() {
        PersonAccount first = registry.registerResident(credentials("hanako"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        String hashBefore = fixture.jdbc.queryForObject("SELECT password_hash FROM id_account", String.class);

        assertThatThrownBy(() -> registry.registerResident(new AccountCredentials("hanako", "another long password"),
                AssuranceLevel.LOW, ProofingMethod.IN_PERSON_AT_CITY_OFFICE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ID-0104 username not available");

        assertThat(fixture.count("SELECT COUNT(*) FROM id_account")).isEqualTo(1);
        assertThat(fixture.jdbc.queryForObject("SELECT password_hash FROM id_account", String.class))
                .isEqualTo(hashBefore);
        assertThat(registry.findAccount(first.account())).contains(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "hanako kaga", "hanako@kaga", "はなこ", "ｈａｎａｋｏ", "\u212Aelvin",
            "a-very-long-username-that-goes-on-and-on-beyond-sixty-four-chars-x"})
    void register_withMalformedUsername_isRefusedWithoutEchoingIt(String username) {
        assertThatThrownBy(() -> registry.registerOperator(new AccountCredentials(username, PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ID-0101 malformed username");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_account")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "elevenchars", "hanako.kaga", "HANAKO.KAGA"})
    void register_withPasswordTooShortOrEqualToUsername_isRefused(String password) {
        assertThatThrownBy(() -> registry.registerOperator(new AccountCredentials("hanako.kaga", password)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("ID-010[23] .*")
                .message().doesNotContain(password);
    }

    @Test
    void register_withPasswordLongerThan128Characters_isRefused() {
        assertThatThrownBy(() -> registry.registerOperator(new AccountCredentials("hanako", "x".repeat(129))))
                .hasMessageStartingWith("ID-0102");
    }

    @Test
    void register_withPasswordOf128Characters_isAccepted() {
        assertThat(registry.registerOperator(new AccountCredentials("hanako", "x".repeat(128))).kind())
                .isEqualTo(PrincipalKind.OPERATOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "x123456789012", "1234-5678-9012"})
    void register_withAMyNumberLikeUsername_isRefused(String username) {
        assertThatThrownBy(() -> registry.registerOperator(new AccountCredentials(username, PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ID-0105 a 12-digit number is not accepted here");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_account")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my number 123456789012", "1234 5678 9012 secret", "pw-1234-5678-9012!",
            "１２３４５６７８９０１２abc", "123456789012"})
    void register_withAMyNumberInThePassword_isRefused(String password) {
        assertThatThrownBy(() -> registry.registerResident(new AccountCredentials("hanako", password),
                AssuranceLevel.HIGH, ProofingMethod.MY_NUMBER_CARD_PUBLIC_AUTHENTICATION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ID-0105 a 12-digit number is not accepted here");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_account")).isZero();
    }

    @Test
    void register_withLongerDigitRunInThePassword_isNotMistakenForAMyNumber() {
        assertThat(registry.registerOperator(new AccountCredentials("hanako", "1234567890123")).kind())
                .isEqualTo(PrincipalKind.OPERATOR);
    }

    @Test
    void accountTable_hasNoColumnForAnythingPersonalBeyondTheUsername() {
        List<String> columns = fixture.jdbc.queryForList("SELECT LOWER(column_name) FROM information_schema.columns"
                + " WHERE LOWER(table_name) = 'id_account'", String.class);

        assertThat(columns).containsExactlyInAnyOrder("account_id", "username", "password_hash", "principal_kind",
                "organisation_id", "resident_id", "assurance_level", "proofing_method", "failed_attempts",
                "locked_until", "totp_secret", "totp_confirmed", "totp_last_step", "created_at", "disabled_at");
    }

    @Test
    void findAccount_ofUnknownId_isEmpty() {
        assertThat(registry.findAccount(AccountId.random())).isEqualTo(Optional.empty());
    }

    @Test
    void toString_ofCredentialsAndAccounts_showsNoPassword() {
        AccountCredentials credentials = new AccountCredentials("hanako", PASSWORD);
        PersonAccount account = registry.registerResident(credentials, AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        AccountRow row = fixture.people.accounts().byId(account.account()).orElseThrow();

        assertThat(credentials.toString()).doesNotContain(PASSWORD).doesNotContain("hanako");
        assertThat(account.toString()).doesNotContain(PASSWORD);
        assertThat(row.toString()).doesNotContain(PASSWORD).doesNotContain("shiro2").doesNotContain("hanako");
    }
}
