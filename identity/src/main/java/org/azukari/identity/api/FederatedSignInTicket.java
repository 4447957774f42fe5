package org.azukari.identity.api;

import java.util.Objects;
import org.apache.shiro.authc.AuthenticationToken;

/**
 * A one-time, short-lived handle on a sign-in that {@link FederatedSignIn#complete} has verified:
 * the edge hands it to Shiro's {@code subject.login}, and identity's federated realm redeems it
 * once. It cannot be made up: only a handle identity issued and has not yet redeemed signs in.
 */
public final class FederatedSignInTicket implements AuthenticationToken {

    private final String handle;

    public FederatedSignInTicket(String handle) {
        this.handle = Objects.requireNonNull(handle);
    }

    public String handle() {
        return handle;
    }

    @Override
    public Object getPrincipal() {
        return "federated";
    }

    @Override
    public Object getCredentials() {
        return handle;
    }

    @Override
    public String toString() {
        return "FederatedSignInTicket[redacted]";
    }
}
