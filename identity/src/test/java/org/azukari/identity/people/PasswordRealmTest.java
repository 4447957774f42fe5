package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.azukari.identity.people.PeopleFixture.PASSWORD;
import static org.azukari.identity.people.PeopleFixture.credentials;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.apache.shiro.subject.Subject;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.Permissions;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PersonSignInToken;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in through a real Shiro security manager: one refusal for every failure, lock-out with back-off. */
class PasswordRealmTest {

    @TempDir
    Path directory;

    private PeopleFixture fixture;
    private PersonAccount hanako;

    @BeforeEach
    void start() {
        fixture = new PeopleFixture(directory);
        hanako = fixture.people.registry().registerResident(credentials("hanako"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
    }

    private Subject signIn(String username, String password) {
        Subject subject = fixture.subject();
        subject.login(new UsernamePasswordToken(username, password));
        return subject;
    }

    private AuthenticationException refusal(String username, String password) {
        Subject subject = fixture.subject();
        try {
            subject.login(new PersonSignInToken(username, password.toCharArray(), Optional.empty()));
        } catch (AuthenticationException e) {
            assertThat(subject.isAuthenticated()).isFalse();
            return e;
        }
        throw new AssertionError("sign-in was expected to be refused");
    }

    private List<String> eventTypes() {
        return fixture.jdbc.queryForList("SELECT event_type FROM id_security_event ORDER BY event_id", String.class);
    }

    @Test
    void signIn_withRightPassword_makesTheCallerThePrimaryPrincipal() {
        Subject subject = signIn("hanako", PASSWORD);

        assertThat(subject.isAuthenticated()).isTrue();
        assertThat(subject.getPrincipal()).isEqualTo(hanako.caller());
        assertThat(eventTypes()).containsExactly("SIGN_IN");
    }

    @Test
    void signIn_withUsernameInAnotherCase_findsTheSameAccount() {
        assertThat(signIn("HANAKO", PASSWORD).getPrincipal()).isEqualTo(hanako.caller());
    }

    @Test
    void signIn_withWrongPasswordOrUnknownUser_isRefusedIdentically() {
        AuthenticationException wrongPassword = refusal("hanako", "not the password at all");
        AuthenticationException unknownUser = refusal("nobody-here", PASSWORD);
        AuthenticationException malformedUser = refusal("no body@here", PASSWORD);

        assertThat(List.of(wrongPassword, unknownUser, malformedUser)).allSatisfy(e -> {
            assertThat(e.getClass()).isEqualTo(AuthenticationException.class);
            assertThat(e.getMessage()).isEqualTo("ID-0120 sign-in refused");
            assertThat(e.getCause()).isNull();
        });
        assertThat(eventTypes()).containsExactly("SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED");
    }

    @Test
    void signIn_ofUnknownUser_verifiesAgainstTheDummyHashLikeAKnownOne() {
        int before = fixture.passwordService.verifications.get();
        refusal("hanako", "not the password at all");
        int forKnown = fixture.passwordService.verifications.get() - before;

        refusal("nobody-here", PASSWORD);
        int forUnknown = fixture.passwordService.verifications.get() - before - forKnown;

        assertThat(forKnown).isEqualTo(1);
        assertThat(forUnknown).isEqualTo(1);
    }

    @Test
    void signIn_ofUnknownUser_isRecordedAsUnknownAndNeverEchoesTheName() {
        refusal("nobody-here", PASSWORD);

        assertThat(fixture.jdbc.queryForMap("SELECT subject, principal_kind, reason_code FROM id_security_event"))
                .containsEntry("SUBJECT", "unknown").containsEntry("REASON_CODE", "ID-0123")
                .containsEntry("PRINCIPAL_KIND", null);
        assertThat(fixture.count("SELECT COUNT(*) FROM id_security_event WHERE subject LIKE '%nobody%'")).isZero();
    }

    @Test
    void signIn_afterFiveFailures_isRefusedEvenWithTheRightPasswordAndRecordedAsLockedOut() {
        for (int i = 0; i < 5; i++) {
            refusal("hanako", "wrong password " + i);
        }
        int verificationsBefore = fixture.passwordService.verifications.get();

        AuthenticationException locked = refusal("hanako", PASSWORD);

        assertThat(locked.getMessage()).isEqualTo("ID-0120 sign-in refused");
        assertThat(fixture.passwordService.verifications.get() - verificationsBefore)
                .as("a locked account still costs one verification").isEqualTo(1);
        assertThat(eventTypes()).containsExactly("SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED",
                "SIGN_IN_FAILED", "SIGN_IN_FAILED", "LOCKED_OUT", "LOCKED_OUT");
        assertThat(fixture.jdbc.queryForList("SELECT reason_code FROM id_security_event WHERE event_type = 'LOCKED_OUT'"
                + " ORDER BY event_id", String.class)).containsExactly("ID-0126", "ID-0125");
    }

    @Test
    void signIn_afterFourFailures_stillWorksAndResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            refusal("hanako", "wrong password " + i);
        }
        signIn("hanako", PASSWORD);
        for (int i = 0; i < 4; i++) {
            refusal("hanako", "wrong password " + i);
        }

        assertThat(signIn("hanako", PASSWORD).isAuthenticated()).isTrue();
        assertThat(fixture.count("SELECT failed_attempts FROM id_account")).isZero();
    }

    @Test
    void signIn_afterTheFirstLockRunsOut_worksAndResetsTheBackOff() {
        lockOut();
        fixture.clock.advance(Duration.ofSeconds(59));
        refusal("hanako", PASSWORD);

        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(signIn("hanako", PASSWORD).isAuthenticated()).isTrue();

        assertThat(fixture.jdbc.queryForMap("SELECT failed_attempts, locked_until FROM id_account"))
                .containsEntry("FAILED_ATTEMPTS", 0).containsEntry("LOCKED_UNTIL", null);
        lockOut();
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(signIn("hanako", PASSWORD).isAuthenticated()).as("back to one minute after a reset").isTrue();
    }

    @Test
    void failure_afterALockRunsOut_locksForTwiceAsLong() {
        lockOut();
        fixture.clock.advance(Duration.ofMinutes(1));
        refusal("hanako", "wrong again");

        fixture.clock.advance(Duration.ofSeconds(119));
        refusal("hanako", PASSWORD);
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(signIn("hanako", PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void attempts_whileLocked_neitherCountNorExtendTheLock() {
        lockOut();
        for (int i = 0; i < 10; i++) {
            refusal("hanako", "hammering " + i);
        }

        assertThat(fixture.count("SELECT failed_attempts FROM id_account")).isEqualTo(5);
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(signIn("hanako", PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void lockoutPolicy_doublesFromOneMinuteAndStopsAtOneHour() {
        assertThat(LockoutPolicy.lockAfter(4)).isEmpty();
        assertThat(LockoutPolicy.lockAfter(5)).contains(Duration.ofMinutes(1));
        assertThat(LockoutPolicy.lockAfter(6)).contains(Duration.ofMinutes(2));
        assertThat(LockoutPolicy.lockAfter(7)).contains(Duration.ofMinutes(4));
        assertThat(LockoutPolicy.lockAfter(10)).contains(Duration.ofMinutes(32));
        assertThat(LockoutPolicy.lockAfter(11)).contains(Duration.ofHours(1));
        assertThat(LockoutPolicy.lockAfter(Integer.MAX_VALUE)).contains(Duration.ofHours(1));
    }

    @Test
    void resident_mayReadAndManageOnlyTheirOwnRecords() {
        Subject subject = signIn("hanako", PASSWORD);
        ResidentId own = hanako.resident().orElseThrow();

        assertThat(subject.isPermitted(Permissions.readOwnRecords(own))).isTrue();
        assertThat(subject.isPermitted(Permissions.manageOwnData(own))).isTrue();
        assertThat(subject.isPermitted(Permissions.readOwnRecords(ResidentId.random()))).isFalse();
        assertThat(subject.isPermitted(Permissions.manageOwnData(ResidentId.random()))).isFalse();
        assertThat(subject.isPermitted("record:read:*")).isFalse();
        assertThat(subject.isPermitted(Permissions.ADMINISTER_REGISTRY)).isFalse();
        assertThat(subject.isPermitted(Permissions.READ_ACCESS_LOG)).isFalse();
        assertThat(subject.hasRole("resident")).isTrue();
    }

    @Test
    void eResident_mayReadOnlyTheirOwnRecords() {
        PersonAccount taro = fixture.people.registry().registerEResident(credentials("e.taro"), AssuranceLevel.HIGH,
                ProofingMethod.EQUIVALENT_FOREIGN_EID);
        Subject subject = signIn("e.taro", PASSWORD);

        assertThat(subject.isPermitted(Permissions.readOwnRecords(taro.resident().orElseThrow()))).isTrue();
        assertThat(subject.isPermitted(Permissions.readOwnRecords(hanako.resident().orElseThrow()))).isFalse();
        assertThat(subject.hasRole("e_resident")).isTrue();
    }

    @Test
    void practitioner_mayRequestReleasesOnlyForTheirOwnOrganisationAndReadsNothingDirectly() {
        fixture.people.registry().registerPractitioner(PeopleFixture.HOSPITAL, credentials("dr.sato"));
        Subject subject = signIn("dr.sato", PASSWORD);

        assertThat(subject.isPermitted(Permissions.requestReleaseFor(PeopleFixture.HOSPITAL))).isTrue();
        assertThat(subject.isPermitted(Permissions.requestReleaseFor(PeopleFixture.CLINIC))).isFalse();
        assertThat(subject.isPermitted(Permissions.readOwnRecords(hanako.resident().orElseThrow()))).isFalse();
        assertThat(subject.isPermitted(Permissions.ingestAs(PeopleFixture.HOSPITAL))).isFalse();
    }

    @Test
    void operator_administersAndApprovesButMayReadNoRecord() {
        fixture.people.registry().registerOperator(credentials("ops.suzuki"));
        Subject subject = signIn("ops.suzuki", PASSWORD);

        assertThat(subject.isPermitted(Permissions.ADMINISTER_REGISTRY)).isTrue();
        assertThat(subject.isPermitted(Permissions.APPROVE_DATASETS)).isTrue();
        assertThat(subject.isPermitted(Permissions.readOwnRecords(hanako.resident().orElseThrow()))).isFalse();
        assertThat(subject.isPermitted("record:read:" + ResidentId.random())).isFalse();
        assertThat(subject.isPermitted(Permissions.manageOwnData(hanako.resident().orElseThrow()))).isFalse();
        assertThat(subject.isPermitted(Permissions.READ_ACCESS_LOG)).isFalse();
        assertThat(subject.hasRole("operator")).isTrue();
    }

    @Test
    void auditor_readsTheAccessLogAndNothingElse() {
        fixture.people.registry().registerAuditor(credentials("audit.tanaka"));
        Subject subject = signIn("audit.tanaka", PASSWORD);

        assertThat(subject.isPermitted(Permissions.READ_ACCESS_LOG)).isTrue();
        assertThat(subject.isPermitted(Permissions.ADMINISTER_REGISTRY)).isFalse();
        assertThat(subject.isPermitted("record:read:" + ResidentId.random())).isFalse();
    }

    @Test
    void authorisation_ofACallerAuthenticatedByAnotherRealm_grantsNothing() {
        Caller resident = hanako.caller();
        Caller system = Caller.system(PrincipalKind.CLINIC_EMR, new ClientId("kaga-emr"), PeopleFixture.HOSPITAL);

        assertThat(fixture.realm.isPermitted(new SimplePrincipalCollection(resident, "bearerTokenRealm"),
                Permissions.readOwnRecords(hanako.resident().orElseThrow()))).isFalse();
        assertThat(fixture.realm.isPermitted(new SimplePrincipalCollection(system, PasswordRealm.NAME),
                Permissions.requestReleaseFor(PeopleFixture.HOSPITAL))).isFalse();
    }

    @Test
    void securityEvents_ofASignIn_carryIdsAndCodesOnly() {
        fixture.people.registry().registerPractitioner(PeopleFixture.HOSPITAL, credentials("dr.sato"));
        refusal("dr.sato", "wrong password");
        signIn("dr.sato", PASSWORD);

        List<java.util.Map<String, Object>> rows = fixture.jdbc.queryForList(
                "SELECT event_type, principal_kind, subject, organisation_id, reason_code FROM id_security_event"
                        + " ORDER BY event_id");
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("PRINCIPAL_KIND")).isEqualTo("PRACTITIONER");
            assertThat(row.get("ORGANISATION_ID")).isEqualTo("kaga-hospital");
            assertThat(row.get("SUBJECT").toString()).matches("[0-9a-f-]{36}");
        });
        assertThat(rows.toString()).doesNotContain("dr.sato").doesNotContain(PASSWORD);
    }

    @Test
    void signIn_whenTheDatabaseFails_isRefusedAsUnavailableWithoutTheUsername() {
        fixture.jdbc.execute("ALTER TABLE id_account RENAME TO id_account_gone");
        Subject subject = fixture.subject();

        assertThatThrownBy(() -> subject.login(new UsernamePasswordToken("hanako", PASSWORD)))
                .isInstanceOf(org.azukari.identity.api.IdentityUnavailableException.class)
                .hasMessage("ID-0129 sign-in unavailable");
        assertThat(subject.isAuthenticated()).isFalse();
    }

    @Test
    void signIn_keepsNoCredentialsInTheAuthenticationInfo() {
        var info = fixture.realm.getAuthenticationInfo(new UsernamePasswordToken("hanako", PASSWORD));

        assertThat(info.getCredentials()).isNull();
        assertThat(info.getPrincipals().getPrimaryPrincipal()).isEqualTo(hanako.caller());
    }

    @Test
    void signInToken_toStringShowsNothingTyped() {
        PersonSignInToken token = new PersonSignInToken("hanako", PASSWORD.toCharArray(), Optional.of("123456"));

        assertThat(token.toString()).doesNotContain("hanako").doesNotContain(PASSWORD).doesNotContain("123456");
        token.clear();
        assertThat(token.code()).isEmpty();
    }

    private void lockOut() {
        for (int i = 0; i < 5; i++) {
            refusal("hanako", "wrong password " + i);
        }
    }
}
