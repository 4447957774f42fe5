package org.azukari.identity.people;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.azukari.identity.people.PeopleFixture.PASSWORD;
import static org.azukari.identity.people.PeopleFixture.credentials;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.Subject;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AccountTotpEnrolment;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PersonSignInToken;
import org.azukari.identity.people.totp.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TOTP second factor, from enrolment to sign-in, and what is (not) in the database. */
class TotpSignInTest {

    private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

    @TempDir
    Path directory;

    private PeopleFixture fixture;
    private PeopleRegistry registry;
    private PersonAccount operator;

    @BeforeEach
    void start() {
        fixture = new PeopleFixture(directory);
        registry = fixture.people.registry();
        operator = registry.registerOperator(credentials("ops.suzuki"));
    }

    @Test
    void enrolTotp_givesAnOtpauthUriForTheAccount() {
        URI uri = registry.enrolTotp(operator.account()).otpauthUri();

        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.toString()).startsWith("otpauth://totp/Azukari%3Aops.suzuki?secret=")
                .contains("&issuer=Azukari&algorithm=SHA1&digits=6&period=30");
        assertThat(secretOf(uri)).hasSize(32);
    }

    @Test
    void enrolTotp_untilConfirmed_doesNotYetAskForACode() {
        registry.enrolTotp(operator.account());

        assertThat(signIn(Optional.empty()).isAuthenticated()).isTrue();
    }

    @Test
    void confirmTotp_withCurrentCode_makesTheCodeRequiredAtSignIn() {
        byte[] secret = enrolAndConfirm();
        fixture.clock.advance(Duration.ofSeconds(30));

        Subject subject = signIn(Optional.of(currentCode(secret)));

        assertThat(subject.isAuthenticated()).isTrue();
        assertThat(fixture.jdbc.queryForList("SELECT reason_code FROM id_security_event WHERE event_type = 'SIGN_IN'",
                String.class)).containsExactly("ID-0122");
    }

    @Test
    void confirmTotp_withWrongCode_isFalseAndLeavesTheFactorInactive() {
        registry.enrolTotp(operator.account());

        assertThat(registry.confirmTotp(operator.account(), "000000")).isFalse();
        assertThat(registry.confirmTotp(operator.account(), "not a code")).isFalse();
        assertThat(signIn(Optional.empty()).isAuthenticated()).isTrue();
    }

    @Test
    void confirmTotp_ofUnknownAccount_isRefused() {
        assertThatThrownBy(() -> registry.confirmTotp(AccountId.random(), "123456"))
                .hasMessage("ID-0140 unknown account");
        assertThatThrownBy(() -> registry.enrolTotp(AccountId.random())).hasMessage("ID-0140 unknown account");
    }

    @Test
    void signIn_withFactorButNoCode_isRefusedLikeAWrongPassword() {
        enrolAndConfirm();

        AuthenticationException missing = refusal(Optional.empty());
        AuthenticationException plain = refusalWithPlainToken();

        assertThat(List.of(missing, plain)).allSatisfy(e -> {
            assertThat(e.getClass()).isEqualTo(AuthenticationException.class);
            assertThat(e.getMessage()).isEqualTo("ID-0120 sign-in refused");
        });
        assertThat(reasonsOf("SECOND_FACTOR_FAILED")).containsExactly("ID-0127", "ID-0127");
    }

    @Test
    void signIn_withWrongCode_isRefusedAndRecorded() {
        byte[] secret = enrolAndConfirm();
        fixture.clock.advance(Duration.ofMinutes(5));
        String stale = Totp.code(secret, Totp.step(fixture.clock.instant()) - 5);

        assertThat(refusal(Optional.of(stale)).getMessage()).isEqualTo("ID-0120 sign-in refused");
        assertThat(refusal(Optional.of("12345")).getMessage()).isEqualTo("ID-0120 sign-in refused");
        assertThat(reasonsOf("SECOND_FACTOR_FAILED")).containsExactly("ID-0128", "ID-0128");
    }

    @Test
    void signIn_withWrongPasswordAndRightCode_isRefusedAndDoesNotSpendTheCode() {
        byte[] secret = enrolAndConfirm();
        fixture.clock.advance(Duration.ofSeconds(30));
        String code = currentCode(secret);
        Subject subject = fixture.subject();

        assertThatThrownBy(() -> subject.login(new PersonSignInToken("ops.suzuki", "wrong password!!".toCharArray(),
                Optional.of(code)))).hasMessage("ID-0120 sign-in refused");
        assertThat(signIn(Optional.of(code)).isAuthenticated()).isTrue();
    }

    @Test
    void signIn_replayingAUsedCode_isRefused() {
        byte[] secret = enrolAndConfirm();
        fixture.clock.advance(Duration.ofSeconds(30));
        String code = currentCode(secret);
        signIn(Optional.of(code));

        assertThat(refusal(Optional.of(code)).getMessage()).isEqualTo("ID-0120 sign-in refused");
        fixture.clock.advance(Duration.ofSeconds(29));
        assertThat(refusal(Optional.of(code)).getMessage()).as("still in the window, still used")
                .isEqualTo("ID-0120 sign-in refused");
    }

    @Test
    void confirmTotp_spendsItsCode_soItCannotSignInAfterwards() {
        byte[] secret = enrolAndConfirm();
        String confirmationCode = currentCode(secret);

        assertThat(refusal(Optional.of(confirmationCode)).getMessage()).isEqualTo("ID-0120 sign-in refused");
    }

    @Test
    void signIn_withCodeFromThePreviousStep_isAcceptedOnce() {
        byte[] secret = enrolAndConfirm();
        fixture.clock.advance(Duration.ofMinutes(2));
        String previous = Totp.code(secret, Totp.step(fixture.clock.instant()) - 1);

        assertThat(signIn(Optional.of(previous)).isAuthenticated()).isTrue();
        assertThat(refusal(Optional.of(previous)).getMessage()).isEqualTo("ID-0120 sign-in refused");
    }

    @Test
    void wrongCodes_countTowardsLockOut() {
        enrolAndConfirm();
        for (int i = 0; i < 5; i++) {
            refusal(Optional.of("000000"));
        }

        assertThat(reasonsOf("LOCKED_OUT")).containsExactly("ID-0126");
        assertThat(fixture.count("SELECT failed_attempts FROM id_account")).isEqualTo(5);
    }

    @Test
    void enrolTotp_whileAConfirmedFactorIsActive_isRefused() {
        enrolAndConfirm();

        assertThatThrownBy(() -> registry.enrolTotp(operator.account()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ID-0141");
    }

    @Test
    void totpSecret_isNotReadableInTheDatabaseFiles() {
        AccountTotpEnrolment enrolment = registry.enrolTotp(operator.account());
        String base32 = secretOf(enrolment.otpauthUri());
        byte[] raw = decodeBase32(base32);
        registry.confirmTotp(operator.account(), Totp.code(raw, Totp.step(fixture.clock.instant())));
        fixture.shutdown();

        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), "ops.suzuki")).as("the scan sees stored data").isNotEmpty();
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), base32)).isEmpty();
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), new String(raw, ISO_8859_1))).isEmpty();
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), HexFormat.of().formatHex(raw))).isEmpty();
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), Base64.getEncoder().encodeToString(raw))).isEmpty();
    }

    @Test
    void totpSecret_copiedToAnotherAccount_doesNotWork() {
        byte[] secret = enrolAndConfirm();
        PersonAccount other = registry.registerOperator(credentials("ops.kato"));
        registry.enrolTotp(other.account());
        fixture.jdbc.update("UPDATE id_account SET totp_secret = (SELECT totp_secret FROM id_account WHERE username = ?),"
                + " totp_confirmed = TRUE WHERE username = ?", "ops.suzuki", "ops.kato");
        fixture.clock.advance(Duration.ofSeconds(30));

        Subject subject = fixture.subject();
        assertThatThrownBy(() -> subject.login(new PersonSignInToken("ops.kato", PASSWORD.toCharArray(),
                Optional.of(currentCode(secret))))).hasMessage("ID-0120 sign-in refused");
    }

    @Test
    void totpEnrolment_toStringHidesTheSecret() {
        AccountTotpEnrolment enrolment = registry.enrolTotp(operator.account());

        assertThat(enrolment.toString()).doesNotContain(secretOf(enrolment.otpauthUri())).doesNotContain("otpauth:");
    }

    private byte[] enrolAndConfirm() {
        byte[] secret = decodeBase32(secretOf(registry.enrolTotp(operator.account()).otpauthUri()));
        assertThat(registry.confirmTotp(operator.account(), currentCode(secret))).isTrue();
        return secret;
    }

    private String currentCode(byte[] secret) {
        return Totp.code(secret, Totp.step(fixture.clock.instant()));
    }

    private Subject signIn(Optional<String> code) {
        Subject subject = fixture.subject();
        subject.login(new PersonSignInToken("ops.suzuki", PASSWORD.toCharArray(), code));
        return subject;
    }

    private AuthenticationException refusal(Optional<String> code) {
        try {
            signIn(code);
        } catch (AuthenticationException e) {
            return e;
        }
        throw new AssertionError("sign-in was expected to be refused");
    }

    private AuthenticationException refusalWithPlainToken() {
        try {
            fixture.subject().login(new UsernamePasswordToken("ops.suzuki", PASSWORD));
        } catch (AuthenticationException e) {
            return e;
        }
        throw new AssertionError("sign-in was expected to be refused");
    }

    private List<String> reasonsOf(String type) {
        return fixture.jdbc.queryForList("SELECT reason_code FROM id_security_event WHERE event_type = ? ORDER BY event_id",
                String.class, type);
    }

    private static String secretOf(URI uri) {
        Matcher matcher = SECRET.matcher(uri.toString());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static byte[] decodeBase32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
