package org.azukari.identity.api;

import java.util.List;
import java.util.Optional;

/**
 * The operator's register of organisations and their OAuth clients. Each registration is one
 * transaction: an organisation with its purposes, a client with its scopes and public keys, or
 * nothing. Bad input is refused with {@link OrganisationRegistryException} (an
 * {@link IllegalArgumentException} with a stable {@code ID-02nn} code).
 */
public interface OrganisationRegistry {

    Organisation registerOrganisation(Organisation organisation);

    /** Registers an active client with its public JWK set (RS384 / ES384 keys, public parts only). */
    Client registerClient(ClientRegistration registration);

    /** Activates or deactivates a client; a deactivated client's tokens stop working at once. */
    void setClientStatus(ClientId client, ClientStatus status);

    Optional<Organisation> findOrganisation(OrganisationId id);

    List<Organisation> organisations();

    Optional<Client> findClient(ClientId id);

    List<Client> clients(OrganisationId organisation);
}
