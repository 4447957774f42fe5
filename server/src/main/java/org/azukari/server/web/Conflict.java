package org.azukari.server.web;

import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ErrorCode;

/** Not possible in the current state (409); nothing was changed. */
public final class Conflict extends RuntimeException implements Coded {

    private final ErrorCode errorCode;

    /** @param detail ids or a short fixed text, never the input */
    public Conflict(ErrorCode errorCode, String detail) {
        super(errorCode.message(detail), null, false, false);
        this.errorCode = errorCode;
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
