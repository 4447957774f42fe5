package org.azukari.trustbank.api;

/**
 * The key vault cannot be reached, is sealed, timed out, or cannot be used (a local key
 * directory that is missing or unwritable). Nothing was released or written; retry later.
 *
 * <p>Also thrown, with its own code {@code TB-0108}, when a resident's key is missing from the
 * vault although no erasure names it: that is a damaged or wrong key store, never an erasure,
 * and an operator restoring the key store makes the same request work again.
 */
public final class KeyVaultUnavailableException extends TrustBankException {

    public KeyVaultUnavailableException(String message) {
        super(TrustBankError.TB_0101, message);
    }

    public KeyVaultUnavailableException(String message, Throwable cause) {
        super(TrustBankError.TB_0101, message, cause);
    }

    private KeyVaultUnavailableException(TrustBankError code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The vault answers that a key does not exist, and no erasure destroyed it. */
    public static KeyVaultUnavailableException keyMissing(String message, Throwable cause) {
        return new KeyVaultUnavailableException(TrustBankError.TB_0108, message, cause);
    }
}
