package org.azukari.identity.people.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B: the SHA-1 seed. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void code_atRfc6238TestTimes_matchesTheRfcVectors(long unixSeconds, String expected) {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(unixSeconds)), 8)).isEqualTo(expected);
    }

    @Test
    void code_withSixDigits_isTheLastSixOfTheRfcVector() {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    }

    @Test
    void verify_ofCurrentCode_givesItsStep() {
        Instant now = Instant.ofEpochSecond(1111111111);
        String code = Totp.code(RFC_SEED, Totp.step(now));

        assertThat(Totp.verify(RFC_SEED, code, now, 0)).hasValue(Totp.step(now));
    }

    @Test
    void verify_ofCodeOneStepEitherSide_isAcceptedForClockDrift() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);

        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step - 1), now, 0)).hasValue(step - 1);
        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step + 1), now, 0)).hasValue(step + 1);
    }

    @Test
    void verify_ofCodeTwoStepsAway_isRefused() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);

        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step - 2), now, 0)).isEmpty();
        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step + 2), now, 0)).isEmpty();
    }

    @Test
    void verify_ofCodeForAStepAlreadyUsed_isRefused() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);

        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step), now, step)).isEmpty();
        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step - 1), now, step)).isEmpty();
    }

    @Test
    void verify_ofMalformedCode_isRefused() {
        Instant now = Instant.ofEpochSecond(59);
        for (String typed : new String[] {null, "", "28708", "2870822", "28708a", " 287082", "２８７０８２"}) {
            assertThat(Totp.verify(RFC_SEED, typed, now, 0)).as(String.valueOf(typed)).isEmpty();
        }
    }

    @Test
    void verify_withAnotherSecret_isRefused() {
        Instant now = Instant.ofEpochSecond(59);
        byte[] other = "09876543210987654321".getBytes(StandardCharsets.US_ASCII);

        assertThat(Totp.verify(other, Totp.code(RFC_SEED, Totp.step(now)), now, 0)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32_ofRfc4648Vectors_matchesWithoutPadding(String text, String expected) {
        assertThat(Base32.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }
}
