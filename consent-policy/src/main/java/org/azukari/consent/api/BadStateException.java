package org.azukari.consent.api;

/**
 * A state or configuration the code cannot go on from, with its catalogued code. An
 * {@link IllegalStateException} so that existing handlers keep handling it; the message is the code
 * followed by ids only.
 */
public class BadStateException extends IllegalStateException implements Coded {

    private final ErrorCode errorCode;

    public BadStateException(ErrorCode errorCode) {
        this(errorCode, "", null);
    }

    public BadStateException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null);
    }

    public BadStateException(ErrorCode errorCode, String detail, Throwable cause) {
        super(errorCode.message(detail), cause);
        this.errorCode = errorCode;
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
