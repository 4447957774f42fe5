package org.azukari.trustbank.api;

/** The caller sent a record the bank cannot take (empty, too large, malformed identifiers). */
public final class InvalidRecordException extends TrustBankException {

    public InvalidRecordException(String message) {
        super(TrustBankError.TB_0204, message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(TrustBankError.TB_0204, message, cause);
    }
}
