package org.azukari.identity.people;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.PersonListing;

/** Where people's accounts are kept ({@code id_account}); the JDBC adapter is {@code people.jdbc.JdbcAccounts}. */
public interface Accounts {

    enum Insert { INSERTED, USERNAME_TAKEN, ORGANISATION_MISSING }

    /**
     * The password hash of an account that has no password (created by a sign-in through a provider):
     * not a hash any password matches, so the password sign-in refuses it like a wrong password.
     */
    String NO_PASSWORD = "!no-password";

    /** One statement, so all or nothing. */
    Insert insert(PersonAccount account, Username username, String passwordHash, Optional<ProofingMethod> proofing,
                  Instant now);

    Optional<AccountRow> byUsername(Username username);

    Optional<AccountRow> byId(AccountId account);

    boolean residentExists(ResidentId resident);

    /** The resident ids of every resident's and e-resident's account. */
    List<ResidentId> residentIds();

    Optional<AccountId> accountOf(ResidentId resident);

    /** Newest first, at most {@code limit}; "locked" as of {@code now}. */
    List<PersonListing> listing(int limit, Instant now);

    /** Records how a resident's identity was established again (a new enrolment); false when no such resident. */
    boolean updateProofing(AccountId resident, AssuranceLevel assurance, ProofingMethod proofing);

    /** The registered organisation's kind; empty when it is not registered. */
    Optional<OrganisationKind> organisationKind(OrganisationId organisation);

    /** Counts one failure atomically; returns the new count. */
    int recordFailure(AccountId account);

    void lockUntil(AccountId account, Instant until);

    /** Clears the failure count and any lock. */
    void recordSuccess(AccountId account);

    /** Marks a TOTP step used; false when it (or a later one) already was, which is a replay. */
    boolean useTotpStep(AccountId account, long step);

    /** Stores a new, unconfirmed sealed TOTP secret; false when a confirmed one is active. */
    boolean setPendingTotp(AccountId account, byte[] sealedSecret);

    void confirmTotp(AccountId account);

    /** Records that a practitioner holds the emergency role (idempotent: an existing grant stays as it was). */
    void grantEmergencyRole(AccountId practitioner, AccountId grantedBy, Instant now);

    /** False when the account did not hold it. */
    boolean revokeEmergencyRole(AccountId practitioner);

    boolean holdsEmergencyRole(AccountId account);

    /** Disables the account from {@code since}, or enables it again ({@code since} empty); false when no such account. */
    boolean setDisabled(AccountId account, Optional<Instant> since);
}
