package org.azukari.identity.people;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AccountTotpEnrolment;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.PersonListing;

/** The people registry: delegates registration, enrolment links and TOTP enrolment to their own classes. */
final class DefaultPeopleRegistry implements PeopleRegistry {

    private final AccountRegistrar registrar;
    private final Accounts accounts;
    private final Enrolments enrolments;
    private final TotpEnrolments totp;
    private final Clock clock;

    DefaultPeopleRegistry(AccountRegistrar registrar, Accounts accounts, Enrolments enrolments, TotpEnrolments totp,
                          Clock clock) {
        this.registrar = registrar;
        this.accounts = accounts;
        this.enrolments = enrolments;
        this.totp = totp;
        this.clock = clock;
    }

    @Override
    public PersonAccount registerResident(AccountCredentials credentials, AssuranceLevel assurance,
                                          ProofingMethod proofing) {
        return registrar.resident(PrincipalKind.RESIDENT, credentials, assurance, proofing);
    }

    @Override
    public PersonAccount registerEResident(AccountCredentials credentials, AssuranceLevel assurance,
                                           ProofingMethod proofing) {
        return registrar.resident(PrincipalKind.E_RESIDENT, credentials, assurance, proofing);
    }

    @Override
    public PersonAccount registerPractitioner(OrganisationId organisation, AccountCredentials credentials) {
        return registrar.practitioner(organisation, credentials);
    }

    @Override
    public PersonAccount registerOperator(AccountCredentials credentials) {
        return registrar.staff(PrincipalKind.OPERATOR, credentials);
    }

    @Override
    public PersonAccount registerAuditor(AccountCredentials credentials) {
        return registrar.staff(PrincipalKind.AUDITOR, credentials);
    }

    @Override
    public Optional<PersonAccount> findAccount(AccountId account) {
        return account == null ? Optional.empty() : accounts.byId(account).map(AccountRow::account);
    }

    @Override
    public void recordProofing(AccountId resident, AssuranceLevel assurance, ProofingMethod proofing) {
        registrar.reproof(findAccount(resident).orElseThrow(() -> new BadInputException(IdentityError.ID_0132, "unknown resident")),
                assurance, proofing);
    }

    @Override
    public void linkEnrolment(EnrolmentLink link) {
        enrolments.link(link);
    }

    @Override
    public List<ResidentId> residents() {
        return accounts.residentIds();
    }

    @Override
    public Optional<AccountId> accountOf(ResidentId resident) {
        return accounts.accountOf(resident);
    }

    @Override
    public List<PersonListing> people(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadInputException(IdentityError.ID_0160, "a listing holds 1 to 1000 people");
        }
        return accounts.listing(limit, clock.instant());
    }

    @Override
    public Optional<ResidentId> findResidentByEnrolment(OrganisationId source, String system, String value) {
        return enrolments.find(source, system, value);
    }

    @Override
    public AccountTotpEnrolment enrolTotp(AccountId account) {
        return totp.enrol(account);
    }

    @Override
    public boolean confirmTotp(AccountId account, String code) {
        return totp.confirm(account, code);
    }

    @Override
    public void grantEmergencyRole(AccountId practitioner, AccountId grantedBy) {
        java.util.Objects.requireNonNull(grantedBy);
        accounts.grantEmergencyRole(practitioner(practitioner), grantedBy, clock.instant());
    }

    @Override
    public void revokeEmergencyRole(AccountId practitioner) {
        accounts.revokeEmergencyRole(practitioner(practitioner));
    }

    @Override
    public boolean holdsEmergencyRole(AccountId account) {
        return account != null && accounts.holdsEmergencyRole(account);
    }

    private AccountId practitioner(AccountId account) {
        return findAccount(account).filter(a -> a.kind() == PrincipalKind.PRACTITIONER)
                .map(PersonAccount::account)
                .orElseThrow(() -> new BadInputException(IdentityError.ID_0150, "not a practitioner account"));
    }
}
