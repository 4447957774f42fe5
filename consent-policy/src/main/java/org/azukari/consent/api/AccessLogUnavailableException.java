package org.azukari.consent.api;

/** The access log could not record an entry; the action it would have recorded must not happen. */
public final class AccessLogUnavailableException extends RuntimeException implements Coded {

    public static final String CODE = "CP-0110";

    public AccessLogUnavailableException(String message, Throwable cause) {
        super(CODE + " " + message, cause, false, false);
    }

    @Override
    public ErrorCode errorCode() {
        return ConsentPolicyError.CP_0110;
    }
}
