package org.azukari.consent.api;

/**
 * Input that cannot be used, with its catalogued code. An {@link IllegalArgumentException} so that
 * every handler of bad input keeps handling it; the message is the code followed by ids or field
 * names only (never a value that was sent), the form logs and tests have always read.
 */
public class BadInputException extends IllegalArgumentException implements Coded {

    private final ErrorCode errorCode;

    public BadInputException(ErrorCode errorCode) {
        this(errorCode, "", null);
    }

    public BadInputException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null);
    }

    public BadInputException(ErrorCode errorCode, String detail, Throwable cause) {
        super(errorCode.message(detail), cause);
        this.errorCode = errorCode;
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
