package org.azukari.trustbank.keys.local;

import com.google.crypto.tink.subtle.AesGcmJce;
import java.security.GeneralSecurityException;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.TrustBankError;

/**
 * AES-256-GCM through Tink's {@code AesGcmJce} ({@code nonce (12) ‖ ciphertext ‖ tag (16)}, the
 * layout this vault has always written); any failure to open is one opaque error.
 */
final class Aes {

    private Aes() {
    }

    static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
        try {
            return new AesGcmJce(key).encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new BadStateException(TrustBankError.TB_0406, "AES-GCM encryption failed", e);
        }
    }

    static byte[] open(byte[] key, byte[] sealed, byte[] associatedData) {
        try {
            return new AesGcmJce(key).decrypt(sealed, associatedData);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw LocalKeyVault.unreadable();
        }
    }
}
