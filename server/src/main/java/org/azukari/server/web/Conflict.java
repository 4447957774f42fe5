package org.azukari.server.web;

/** Not possible in the current state (409); nothing was changed. */
public final class Conflict extends RuntimeException {

    /** @param message a stable code and a short text, never the input */
    public Conflict(String message) {
        super(message, null, false, false);
    }
}
