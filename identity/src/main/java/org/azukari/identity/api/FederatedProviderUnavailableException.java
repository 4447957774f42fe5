package org.azukari.identity.api;

import org.azukari.consent.api.Coded;

/**
 * {@code ID-0310}: the provider (discovery, token endpoint or its keys) did not answer, or
 * answered with a server error. Not a refusal: the person should try again later; nothing was
 * created. The edge answers 503 with {@code Retry-After}.
 */
public final class FederatedProviderUnavailableException extends RuntimeException implements Coded {

    public FederatedProviderUnavailableException(Throwable cause) {
        super(IdentityError.ID_0310.message("sign-in provider unavailable"), cause);
    }

    @Override
    public IdentityError errorCode() {
        return IdentityError.ID_0310;
    }
}
