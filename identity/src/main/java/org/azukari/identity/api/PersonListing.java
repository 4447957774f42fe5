package org.azukari.identity.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One person's account as the operator console lists it: the account id, the sign-in name, the
 * kind, the organisation of a practitioner, how a resident's identity was established, when the
 * account was made, and whether it is locked or has a second factor. Never a resident id, a
 * credential or a secret.
 */
public record PersonListing(AccountId account, String username, PrincipalKind kind,
                            Optional<OrganisationId> organisation, Optional<AssuranceLevel> assurance,
                            Optional<ProofingMethod> proofing, Instant created, boolean locked,
                            boolean secondFactor) {

    public PersonListing {
        Objects.requireNonNull(account);
        Objects.requireNonNull(username);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(assurance);
        Objects.requireNonNull(proofing);
        Objects.requireNonNull(created);
    }
}
