package org.azukari.identity.api;

/**
 * {@code ID-0310}: the provider (discovery, token endpoint or its keys) did not answer, or
 * answered with a server error. Not a refusal: the person should try again later; nothing was
 * created. The edge answers 503 with {@code Retry-After}.
 */
public final class FederatedProviderUnavailableException extends RuntimeException {

    public static final String CODE = "ID-0310";

    public FederatedProviderUnavailableException(Throwable cause) {
        super(CODE + " sign-in provider unavailable", cause);
    }
}
