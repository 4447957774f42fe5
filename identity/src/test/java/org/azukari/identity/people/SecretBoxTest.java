package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.azukari.identity.api.AccountId;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final IdentitySecretKey key = IdentitySecretKey.fromBase64(PeopleFixture.randomKey());
    private final SecretBox box = new SecretBox(key.derive(IdentitySecretKey.TOTP_SEAL));
    private final AccountId account = AccountId.random();
    private final byte[] secret = "twenty bytes secret!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void open_ofSealedSecret_givesItBack() {
        assertThat(box.open(account, box.seal(account, secret))).isEqualTo(secret);
    }

    @Test
    void seal_twice_usesAFreshNonce() {
        assertThat(box.seal(account, secret)).isNotEqualTo(box.seal(account, secret));
    }

    @Test
    void open_forAnotherAccount_failsAsUnreadable() {
        byte[] sealed = box.seal(account, secret);

        assertThatThrownBy(() -> box.open(AccountId.random(), sealed)).isInstanceOf(SecretBox.Unreadable.class)
                .hasMessage("ID-0194 sealed secret unreadable");
    }

    @Test
    void open_withAFlippedBit_failsAsUnreadable() {
        byte[] sealed = box.seal(account, secret);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> box.open(account, tampered)).isInstanceOf(SecretBox.Unreadable.class);
        }
    }

    @Test
    void open_underAnotherKeyOrTheEnrolmentKey_failsAsUnreadable() {
        byte[] sealed = box.seal(account, secret);
        SecretBox otherKey = new SecretBox(IdentitySecretKey.fromBase64(PeopleFixture.randomKey())
                .derive(IdentitySecretKey.TOTP_SEAL));
        SecretBox otherPurpose = new SecretBox(key.derive(IdentitySecretKey.ENROLMENT_HASH));

        assertThatThrownBy(() -> otherKey.open(account, sealed)).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> otherPurpose.open(account, sealed)).isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void open_ofTruncatedOrOversizedOrEmpty_failsAsUnreadable() {
        byte[] sealed = box.seal(account, secret);

        assertThatThrownBy(() -> box.open(account, Arrays.copyOf(sealed, 20))).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> box.open(account, new byte[0])).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> box.open(account, null)).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> box.open(account, new byte[SecretBox.MAX_SEALED_LENGTH + 1]))
                .isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void derive_givesIndependentKeysPerPurpose() {
        assertThat(key.derive(IdentitySecretKey.TOTP_SEAL)).hasSize(32)
                .isNotEqualTo(key.derive(IdentitySecretKey.ENROLMENT_HASH));
    }

    @Test
    void toString_ofKeysAndBox_isRedacted() {
        assertThat(key.toString()).isEqualTo("IdentitySecretKey[redacted]");
        assertThat(box.toString()).isEqualTo("SecretBox[redacted]");
    }

    /** Sealed by the hand-written AES-GCM code this class used before Tink (2026-12-07). */
    private static final String SEALED_BEFORE_TINK =
            "018f231805949da26f31d66ba8de12422b79920738c13f61e546fa4f551ccaa2fee96768393b9f4f3b0b0eaaa8";

    @Test
    void aSecretSealedBeforeTheMoveToTink_opensForItsAccount() {
        SecretBox withVectorKey = new SecretBox(vectorKey());
        AccountId sealedFor = new AccountId(UUID.fromString("2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"));

        assertThat(withVectorKey.open(sealedFor, HexFormat.of().parseHex(SEALED_BEFORE_TINK)))
                .isEqualTo("JBSWY3DPEHPK3PXP".getBytes(StandardCharsets.US_ASCII));
    }

    /** The key of the vectors below: bytes 1, 2, …, 32. */
    private static byte[] vectorKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i + 1);
        }
        return key;
    }
}
