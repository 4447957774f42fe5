package org.azukari.identity.people;

import java.time.Clock;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;

/**
 * Registers one account: every check first (username, password policy, proofing, organisation
 * and its kind: practitioners act for a clinic or hospital, as a clinic's EMR does), then one
 * insert, which is all or nothing by itself. A failure leaves nothing behind.
 */
final class AccountRegistrar {

    private final Accounts accounts;
    private final Argon2Passwords passwords;
    private final Clock clock;

    AccountRegistrar(Accounts accounts, Argon2Passwords passwords, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
    }

    PersonAccount resident(PrincipalKind kind, AccountCredentials credentials, AssuranceLevel assurance,
                           ProofingMethod proofing) {
        checkProofing(kind, assurance, proofing);
        PersonAccount account = new PersonAccount(AccountId.random(), kind, Optional.empty(),
                Optional.of(ResidentId.random()), Optional.of(assurance));
        return register(account, credentials, Optional.of(proofing));
    }

    /** A resident's identity established again (a new enrolment after an erasure), by the registration's rules. */
    void reproof(PersonAccount resident, AssuranceLevel assurance, ProofingMethod proofing) {
        if (!resident.kind().isResident()) {
            throw new BadInputException(IdentityError.ID_0132, "unknown resident");
        }
        checkProofing(resident.kind(), assurance, proofing);
        if (!accounts.updateProofing(resident.account(), assurance, proofing)) {
            throw new BadInputException(IdentityError.ID_0132, "unknown resident");
        }
    }

    private static void checkProofing(PrincipalKind kind, AssuranceLevel assurance, ProofingMethod proofing) {
        if (assurance == null || proofing == null) {
            throw new BadInputException(IdentityError.ID_0107, "assurance level and proofing method are required");
        }
        if (kind == PrincipalKind.E_RESIDENT && !proofing.isRemote()) {
            throw new BadInputException(IdentityError.ID_0108, "an e-resident is proofed by the My Number card or an equivalent eID");
        }
    }

    PersonAccount practitioner(OrganisationId organisation, AccountCredentials credentials) {
        if (organisation == null) {
            throw new BadInputException(IdentityError.ID_0106, "unknown organisation");
        }
        return register(new PersonAccount(AccountId.random(), PrincipalKind.PRACTITIONER, Optional.of(organisation),
                Optional.empty(), Optional.empty()), credentials, Optional.empty());
    }

    PersonAccount staff(PrincipalKind kind, AccountCredentials credentials) {
        return register(new PersonAccount(AccountId.random(), kind, Optional.empty(), Optional.empty(),
                Optional.empty()), credentials, Optional.empty());
    }

    private PersonAccount register(PersonAccount account, AccountCredentials credentials,
                                   Optional<ProofingMethod> proofing) {
        if (credentials == null) {
            throw new BadInputException(IdentityError.ID_0101, "malformed username");
        }
        Username username = Username.parse(credentials.username());
        PasswordPolicy.check(username, credentials.password());
        String hash = passwords.hash(credentials.password());
        if (account.organisation().isPresent()) {
            OrganisationKind kind = accounts.organisationKind(account.organisation().get())
                    .orElseThrow(() -> new BadInputException(IdentityError.ID_0106, "unknown organisation"));
            if (!kind.fits(PrincipalKind.CLINIC_EMR)) {
                throw new BadInputException(IdentityError.ID_0109, "practitioners act for a clinic or hospital");
            }
        }
        return switch (accounts.insert(account, username, hash, proofing, clock.instant())) {
            case INSERTED -> account;
            case USERNAME_TAKEN -> throw new BadInputException(IdentityError.ID_0104, "username not available");
            case ORGANISATION_MISSING -> throw new BadInputException(IdentityError.ID_0106, "unknown organisation");
        };
    }
}
