package org.azukari.trustbank.api;

/** The key vault refused the bank's credentials or policy. Nothing was released or written. */
public final class KeyVaultDeniedException extends TrustBankException {

    public KeyVaultDeniedException(String message) {
        super(TrustBankError.TB_0102, message);
    }

    public KeyVaultDeniedException(String message, Throwable cause) {
        super(TrustBankError.TB_0102, message, cause);
    }
}
