package org.azukari.identity.api;

import java.util.Objects;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ResidentId;

/**
 * Who is asking, as the Shiro subject's primary principal: the kind, the account (people) or
 * client (systems), the organisation they act for, and for residents their resident id.
 * {@link #toString()} shows ids only.
 */
public record Caller(PrincipalKind kind, Optional<AccountId> account, Optional<ClientId> client,
                     Optional<OrganisationId> organisation, Optional<ResidentId> resident) {

    public Caller {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(account);
        Objects.requireNonNull(client);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(resident);
        if (kind.isPerson() != account.isPresent() || kind.isPerson() == client.isPresent()) {
            throw new BadInputException(IdentityError.ID_0003, "a person has an account, a system has a client");
        }
        if (kind.isResident() != resident.isPresent()) {
            throw new BadInputException(IdentityError.ID_0004, "only residents and e-residents carry a resident id");
        }
    }

    public static Caller person(PrincipalKind kind, AccountId account, Optional<OrganisationId> organisation,
                                Optional<ResidentId> resident) {
        return new Caller(kind, Optional.of(account), Optional.empty(), organisation, resident);
    }

    public static Caller system(PrincipalKind kind, ClientId client, OrganisationId organisation) {
        return new Caller(kind, Optional.empty(), Optional.of(client), Optional.of(organisation), Optional.empty());
    }
}
