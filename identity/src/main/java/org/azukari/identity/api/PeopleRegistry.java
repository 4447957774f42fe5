package org.azukari.identity.api;

import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;

/**
 * Registers people's accounts and the identifiers that sources know residents by.
 *
 * <p>Registration is all-or-nothing. Bad input fails with {@link IllegalArgumentException}
 * carrying a stable code ({@code ID-01nn}) and never the input. The My Number is never asked
 * for: a 12-digit number in any free field is refused.
 */
public interface PeopleRegistry {

    /** A resident of the city; gets a new, random resident id. */
    PersonAccount registerResident(AccountCredentials credentials, AssuranceLevel assurance, ProofingMethod proofing);

    /** An e-resident: not registered at the city, so proofed remotely (My Number card or equivalent eID). */
    PersonAccount registerEResident(AccountCredentials credentials, AssuranceLevel assurance, ProofingMethod proofing);

    /** A practitioner acting for a registered organisation. */
    PersonAccount registerPractitioner(OrganisationId organisation, AccountCredentials credentials);

    PersonAccount registerOperator(AccountCredentials credentials);

    PersonAccount registerAuditor(AccountCredentials credentials);

    Optional<PersonAccount> findAccount(AccountId account);

    /**
     * Records that a resident's or e-resident's identity was established again, for a new
     * enrolment after they erased their data: the same rules as at registration ({@code ID-0107},
     * {@code ID-0108}); refused ({@code ID-0132}) for an account that is not a resident's.
     */
    void recordProofing(AccountId resident, AssuranceLevel assurance, ProofingMethod proofing);

    /**
     * Links a source's identifier to a resident (idempotent). Refused for an unknown resident
     * or organisation, and when the identifier is already linked to another resident.
     */
    void linkEnrolment(EnrolmentLink link);

    /**
     * Every resident's and e-resident's id, in no particular order: whom the bank may ask a
     * question (a consent request for an approved dataset). Ids only, never an account.
     */
    List<ResidentId> residents();

    /**
     * The account a resident signs in with: how the operator names a resident (a breach scope, a
     * notice), since the resident id never leaves the bank towards them.
     */
    Optional<AccountId> accountOf(ResidentId resident);

    /**
     * People's accounts for the operator console, newest first, at most {@code limit}
     * (1–1000): ids, sign-in names, kinds and how identity was established; never a resident id.
     */
    List<PersonListing> people(int limit);

    /** The resident a source's identifier was linked to, if any. */
    Optional<ResidentId> findResidentByEnrolment(OrganisationId source, String system, String value);

    /**
     * Generates a new TOTP secret for the account (replacing one not yet confirmed). Refused
     * while a confirmed one is active: removing a second factor is an operator's act.
     */
    AccountTotpEnrolment enrolTotp(AccountId account);

    /** Activates the pending TOTP secret when {@code code} is a current code for it; false otherwise. */
    boolean confirmTotp(AccountId account, String code);

    /**
     * Gives a practitioner the emergency role: they may then open emergency (break-glass) access
     * to a resident's data without consent, which is logged, shown to the resident and reviewed.
     * Idempotent. Refused ({@code ID-0150}) for any account that is not a practitioner's.
     *
     * @param grantedBy the operator's account
     */
    void grantEmergencyRole(AccountId practitioner, AccountId grantedBy);

    /** Takes the emergency role away (idempotent); refused ({@code ID-0150}) for a non-practitioner account. */
    void revokeEmergencyRole(AccountId practitioner);

    /** Whether the account is a practitioner's holding the emergency role now (read on every call, no cache). */
    boolean holdsEmergencyRole(AccountId account);
}
