package org.azukari.consent.api;

/** The consent store cannot be read: nothing may be released (fail closed). Code CP-0210. */
public class ConsentUnavailableException extends RuntimeException {

    public ConsentUnavailableException(String message, Throwable cause) {
        super("CP-0210 " + message, cause);
    }
}
