package org.azukari.trustbank.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.TrustBankError;

/**
 * A resident's AES-256 data key in plaintext. Lives only in memory (the bounded key cache);
 * {@link #toString()} shows nothing, and the bytes come out only through {@link #keyBytes()}.
 */
public final class DataKey {

    public static final int LENGTH = 32;

    private final SecretKey key;
    private final Aead aead;

    private DataKey(SecretKey key) {
        this.key = key;
        try {
            this.aead = new AesGcmJce(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new BadStateException(TrustBankError.TB_0402, "AES-256 unavailable in this JVM", e);
        }
    }

    public static DataKey generate() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(LENGTH * 8, new SecureRandom());
            return new DataKey(generator.generateKey());
        } catch (GeneralSecurityException e) {
            throw new BadStateException(TrustBankError.TB_0402, "AES-256 unavailable in this JVM", e);
        }
    }

    public static DataKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new BadInputException(TrustBankError.TB_0403, "data key must be " + LENGTH + " bytes");
        }
        return new DataKey(new SecretKeySpec(bytes, "AES"));
    }

    /** AES-256-GCM under this key (Tink's {@code AesGcmJce}: {@code nonce (12) ‖ ciphertext ‖ tag (16)}). */
    public Aead aead() {
        return aead;
    }

    /** The raw key, for wrapping only. */
    public byte[] keyBytes() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "DataKey[redacted]";
    }
}
