package org.azukari.server.web;

/** An operator asked about an object that does not exist. */
public final class NotFound extends RuntimeException {

    public NotFound(String message) {
        super("OP-0404 " + message, null, false, false);
    }
}
