package org.azukari.identity.people;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.IdentityError;

/**
 * Seals small secrets (TOTP secrets) with AES-256-GCM (Tink's {@code AesGcmJce}), bound to their account.
 *
 * <p>Layout: {@code version (1 byte, 1) || nonce (12 bytes) || ciphertext+tag (n + 16 bytes)};
 * associated data: {@code "id_account.totp_secret|" + account id}. A row copied to another
 * account, a flipped bit or a wrong key all fail the same way: {@link Unreadable}.
 */
final class SecretBox {

    static final byte VERSION = 1;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    static final int MAX_SEALED_LENGTH = 1 + NONCE_LENGTH + 64 + TAG_BITS / 8;

    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable() {
            super("ID-0194 sealed secret unreadable");
        }
    }

    private final Aead aead;

    SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new BadInputException(IdentityError.ID_0191, "AES-256 needs a 32-byte key");
        }
        try {
            this.aead = new AesGcmJce(key);
        } catch (GeneralSecurityException e) {
            throw new BadStateException(IdentityError.ID_0195, "AES-GCM unavailable", e);
        }
    }

    byte[] seal(AccountId account, byte[] secret) {
        try {
            byte[] sealed = aead.encrypt(secret, associatedData(account));
            return ByteBuffer.allocate(1 + sealed.length).put(VERSION).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new BadStateException(IdentityError.ID_0195, "AES-GCM unavailable", e);
        }
    }

    byte[] open(AccountId account, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_LENGTH + TAG_BITS / 8 || sealed.length > MAX_SEALED_LENGTH
                || sealed[0] != VERSION) {
            throw new Unreadable();
        }
        try {
            return aead.decrypt(Arrays.copyOfRange(sealed, 1, sealed.length), associatedData(account));
        } catch (GeneralSecurityException e) {
            throw new Unreadable();
        }
    }

    private static byte[] associatedData(AccountId account) {
        return ("id_account.totp_secret|" + account).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "SecretBox[redacted]";
    }
}
