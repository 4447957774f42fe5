package org.azukari.trustbank.api;

/**
 * The resident's key-encryption key was destroyed by their erasure (the erasure record names
 * that key): their records can never be read again. A key that is merely missing from the vault,
 * with no erasure naming it, is a fault and answers {@link KeyVaultUnavailableException} instead.
 */
public final class ResidentKeyDestroyedException extends TrustBankException {

    public ResidentKeyDestroyedException(String message) {
        super(TrustBankError.TB_0103, message);
    }

    public ResidentKeyDestroyedException(String message, Throwable cause) {
        super(TrustBankError.TB_0103, message, cause);
    }
}
