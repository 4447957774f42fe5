package org.azukari.identity.oauth;

import org.azukari.consent.api.Coded;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OAuthError;

/**
 * A refused assertion or token, internal to this package: the OAuth error the client sees and
 * the reason code that goes to the security events. No message, no cause, no stack trace: the
 * input it was about never travels with it.
 */
final class Refusal extends Exception implements Coded {

    private final OAuthError error;
    private final IdentityError reason;

    Refusal(OAuthError error, IdentityError reason) {
        super(reason.code(), null, false, false);
        this.error = error;
        this.reason = reason;
    }

    static Refusal client(IdentityError reasonCode) {
        return new Refusal(OAuthError.INVALID_CLIENT, reasonCode);
    }

    OAuthError error() {
        return error;
    }

    /** The reason code as the security events store it. */
    String reasonCode() {
        return reason.code();
    }

    @Override
    public IdentityError errorCode() {
        return reason;
    }
}
