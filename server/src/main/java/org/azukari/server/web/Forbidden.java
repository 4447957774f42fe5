package org.azukari.server.web;

/** The caller is who they say, but may not do this (for example, a practitioner without the emergency role). */
public final class Forbidden extends RuntimeException {

    /** @param message a stable code and a short text, never the input */
    public Forbidden(String message) {
        super(message, null, false, false);
    }
}
