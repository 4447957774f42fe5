package org.azukari.identity.oauth;

import org.azukari.identity.api.OAuthError;

/**
 * A refused assertion or token, internal to this package: the OAuth error the client sees and
 * the reason code that goes to the security events. No message, no cause, no stack trace: the
 * input it was about never travels with it.
 */
final class Refusal extends Exception {

    private final OAuthError error;
    private final String reasonCode;

    Refusal(OAuthError error, String reasonCode) {
        super(reasonCode, null, false, false);
        this.error = error;
        this.reasonCode = reasonCode;
    }

    static Refusal client(String reasonCode) {
        return new Refusal(OAuthError.INVALID_CLIENT, reasonCode);
    }

    OAuthError error() {
        return error;
    }

    String reasonCode() {
        return reasonCode;
    }
}
