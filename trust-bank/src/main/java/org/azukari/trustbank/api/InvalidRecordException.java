package org.azukari.trustbank.api;

/** The caller sent a record the bank cannot take (empty, too large, malformed identifiers). */
public final class InvalidRecordException extends TrustBankException {

    public InvalidRecordException(String message) {
        super("TB-0204", message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super("TB-0204", message, cause);
    }
}
