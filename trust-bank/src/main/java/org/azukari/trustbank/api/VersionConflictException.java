package org.azukari.trustbank.api;

/** A conditional write expected a version that is no longer current. */
public final class VersionConflictException extends TrustBankException {

    public VersionConflictException(String message) {
        super(TrustBankError.TB_0203, message);
    }

    public VersionConflictException(String message, Throwable cause) {
        super(TrustBankError.TB_0203, message, cause);
    }
}
