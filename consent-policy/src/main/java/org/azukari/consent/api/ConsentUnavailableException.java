package org.azukari.consent.api;

/** The consent store cannot be read: nothing may be released (fail closed). Code CP-0210. */
public class ConsentUnavailableException extends RuntimeException implements Coded {

    public ConsentUnavailableException(String message, Throwable cause) {
        super(ConsentPolicyError.CP_0210.message(message), cause);
    }

    @Override
    public ErrorCode errorCode() {
        return ConsentPolicyError.CP_0210;
    }
}
