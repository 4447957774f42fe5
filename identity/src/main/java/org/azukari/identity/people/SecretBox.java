package org.azukari.identity.people;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.identity.api.AccountId;

/**
 * Seals small secrets (TOTP secrets) with AES-256-GCM, bound to their account.
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

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("ID-0191 AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    byte[] seal(AccountId account, byte[] secret) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(account));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(1 + NONCE_LENGTH + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ID-0195 AES-GCM unavailable", e);
        }
    }

    byte[] open(AccountId account, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_LENGTH + TAG_BITS / 8 || sealed.length > MAX_SEALED_LENGTH
                || sealed[0] != VERSION) {
            throw new Unreadable();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_LENGTH));
            cipher.updateAAD(associatedData(account));
            return cipher.doFinal(sealed, 1 + NONCE_LENGTH, sealed.length - 1 - NONCE_LENGTH);
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
