package org.azukari.identity.api;

import java.util.Objects;
import java.util.Set;

/**
 * A request to register a system client for an organisation: its kind (source feed, clinic EMR
 * or wellness service), the SMART scopes it may ever be granted, and its public keys as a JWK
 * set ({@code {"keys":[...]}}). {@link #toString()} leaves the key set out: a careless caller
 * may have pasted private keys into it, and those are refused, not logged.
 */
public record ClientRegistration(ClientId client, OrganisationId organisation, PrincipalKind kind,
                                 Set<SmartScope> allowedScopes, String jwks) {

    public ClientRegistration {
        Objects.requireNonNull(client, "client id");
        Objects.requireNonNull(organisation, "organisation id");
        Objects.requireNonNull(kind, "client kind");
        allowedScopes = Set.copyOf(Objects.requireNonNull(allowedScopes, "allowed scopes"));
        Objects.requireNonNull(jwks, "jwks");
    }

    @Override
    public String toString() {
        return "ClientRegistration[client=" + client + ", organisation=" + organisation + ", kind=" + kind
                + ", allowedScopes=" + allowedScopes + "]";
    }
}
