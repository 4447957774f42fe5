package org.azukari.identity.api;

import java.net.URI;
import java.util.Objects;

/** Where to send the person (the provider's authorization endpoint, with the request) and what to remember. */
public record AuthorizationStart(URI redirectTo, PendingAuthorization pending) {

    public AuthorizationStart {
        Objects.requireNonNull(redirectTo);
        Objects.requireNonNull(pending);
    }

    @Override
    public String toString() {
        return "AuthorizationStart[provider=" + pending.provider() + "]";
    }
}
