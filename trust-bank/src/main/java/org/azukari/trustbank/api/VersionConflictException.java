package org.azukari.trustbank.api;

/** A conditional write expected a version that is no longer current. */
public final class VersionConflictException extends TrustBankException {

    public VersionConflictException(String message) {
        super("TB-0203", message);
    }

    public VersionConflictException(String message, Throwable cause) {
        super("TB-0203", message, cause);
    }
}
