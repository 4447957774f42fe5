package org.azukari.identity.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What the bank must remember between sending a person to a provider and their coming back:
 * the provider, the {@code state} the answer must carry, the {@code nonce} the ID token must
 * carry, and the PKCE code verifier. Kept in the pre-sign-in session, used once. The values are
 * one-time secrets of the flow, so {@link #toString()} shows the provider only.
 */
public record PendingAuthorization(ProviderId provider, String state, String nonce, String codeVerifier,
                                   Instant started) implements Serializable {

    public PendingAuthorization {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(state);
        Objects.requireNonNull(nonce);
        Objects.requireNonNull(codeVerifier);
        Objects.requireNonNull(started);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[provider=" + provider + "]";
    }
}
