package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.azukari.identity.api.AccountId;
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
}
