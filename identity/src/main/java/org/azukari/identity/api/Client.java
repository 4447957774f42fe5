package org.azukari.identity.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A registered OAuth client, as the token service and the bearer-token realm see it. */
public record Client(ClientId id, OrganisationId organisation, PrincipalKind kind, Set<SmartScope> allowedScopes,
                     ClientStatus status, List<ClientKey> keys) {

    public Client {
        Objects.requireNonNull(id);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(kind);
        allowedScopes = Set.copyOf(allowedScopes);
        Objects.requireNonNull(status);
        keys = List.copyOf(keys);
    }

    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    public Optional<ClientKey> key(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }
}
