package org.azukari.identity.api;

import java.util.Objects;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ResidentId;

/**
 * A registered person's account: ids and kind only, never a credential. Practitioners carry
 * their organisation; residents and e-residents their resident id and assurance.
 */
public record PersonAccount(AccountId account, PrincipalKind kind, Optional<OrganisationId> organisation,
                            Optional<ResidentId> resident, Optional<AssuranceLevel> assurance) {

    public PersonAccount {
        Objects.requireNonNull(account);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(resident);
        Objects.requireNonNull(assurance);
        if (!kind.isPerson()) {
            throw new BadInputException(IdentityError.ID_0100, "a person account needs a person kind");
        }
        if ((kind == PrincipalKind.PRACTITIONER) != organisation.isPresent()) {
            throw new BadInputException(IdentityError.ID_0100, "only practitioners carry an organisation");
        }
        if (kind.isResident() != resident.isPresent() || kind.isResident() != assurance.isPresent()) {
            throw new BadInputException(IdentityError.ID_0100, "only residents and e-residents carry a resident id and assurance");
        }
    }

    /** The caller this account signs in as. */
    public Caller caller() {
        return Caller.person(kind, account, organisation, resident);
    }
}
