package org.azukari.trustbank.api;

/** The resident has no keyring in the bank (never enrolled, or erased). */
public final class ResidentNotEnrolledException extends TrustBankException {

    public ResidentNotEnrolledException(String message) {
        super(TrustBankError.TB_0301, message);
    }

    public ResidentNotEnrolledException(String message, Throwable cause) {
        super(TrustBankError.TB_0301, message, cause);
    }
}
