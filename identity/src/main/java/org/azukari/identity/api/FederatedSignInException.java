package org.azukari.identity.api;

import org.azukari.consent.api.Coded;

/**
 * A sign-in through a provider that was refused: a stable code and a fixed phrase, never a
 * claim, a token or a value from the request. Nothing was created. Codes: {@code ID-0300}
 * unknown provider, {@code ID-0301} no sign-in in progress or the answer's {@code state} is not
 * the one sent, {@code ID-0302} the provider answered with an error (the person cancelled), {@code
 * ID-0303} the provider refused the code (used already, expired, not for this client or verifier),
 * {@code ID-0304} the ID token failed a check (signature, issuer, audience, expiry, nonce) or
 * lacks a claim the bank needs, {@code ID-0305} the account is disabled.
 */
public final class FederatedSignInException extends RuntimeException implements Coded {

    private final IdentityError code;

    public FederatedSignInException(IdentityError code, String phrase) {
        super(code.message(phrase));
        this.code = code;
    }

    /** The code as the error page shows it and the log names it. */
    public String code() {
        return code.code();
    }

    @Override
    public IdentityError errorCode() {
        return code;
    }
}
