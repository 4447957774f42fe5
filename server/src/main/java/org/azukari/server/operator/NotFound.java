package org.azukari.server.operator;

/** An operator asked about an object that does not exist. */
final class NotFound extends RuntimeException {

    NotFound(String message) {
        super("OP-0404 " + message, null, false, false);
    }
}
