package org.azukari.trustbank.api;

/** A stored envelope or wrapped key failed to parse or authenticate. One opaque error for every cause, so it is no oracle. */
public final class UnreadableRecordException extends TrustBankException {

    public UnreadableRecordException(String message) {
        super(TrustBankError.TB_0201, message);
    }

    public UnreadableRecordException(String message, Throwable cause) {
        super(TrustBankError.TB_0201, message, cause);
    }
}
