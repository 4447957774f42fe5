package org.azukari.fhir.pull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.ClientStatus;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;

/** The organisation register, organisations only (the pull side asks for nothing else). */
final class InMemoryOrganisations implements OrganisationRegistry {

    private final Map<OrganisationId, Organisation> organisations = new ConcurrentHashMap<>();

    OrganisationId add(String id, OrganisationKind kind) {
        return registerOrganisation(new Organisation(new OrganisationId(id), kind, "Test " + id,
                Set.of(new Purpose("treatment")))).id();
    }

    @Override
    public Organisation registerOrganisation(Organisation organisation) {
        organisations.put(organisation.id(), organisation);
        return organisation;
    }

    @Override
    public Optional<Organisation> findOrganisation(OrganisationId id) {
        return Optional.ofNullable(organisations.get(id));
    }

    @Override
    public List<Organisation> organisations() {
        return List.copyOf(organisations.values());
    }

    @Override
    public Client registerClient(ClientRegistration registration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setClientStatus(ClientId client, ClientStatus status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Client> findClient(ClientId id) {
        return Optional.empty();
    }

    @Override
    public List<Client> clients(OrganisationId organisation) {
        return List.of();
    }
}
