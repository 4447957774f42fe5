package org.azukari.server.web;

import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ErrorCode;

/** The caller is who they say, but may not do this (for example, a practitioner without the emergency role). */
public final class Forbidden extends RuntimeException implements Coded {

    private final ErrorCode errorCode;

    /** @param detail ids or a short fixed text, never the input */
    public Forbidden(ErrorCode errorCode, String detail) {
        super(errorCode.message(detail), null, false, false);
        this.errorCode = errorCode;
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
