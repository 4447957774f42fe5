package org.azukari.fhir.pull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AccountTotpEnrolment;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.ProofingMethod;

/**
 * The people register, enrolment links only, behaving as the real one does for them: idempotent
 * for the same resident, refused (ID-0133) for an identifier linked to another.
 */
final class RecordingPeople implements PeopleRegistry {

    private final List<EnrolmentLink> links = new ArrayList<>();

    @Override
    public synchronized void linkEnrolment(EnrolmentLink link) {
        Optional<ResidentId> existing = findResidentByEnrolment(link.source(), link.system(), link.value());
        if (existing.isPresent() && !existing.get().equals(link.resident())) {
            throw new IllegalArgumentException("ID-0133 this identifier is already linked to another resident");
        }
        if (existing.isEmpty()) {
            links.add(link);
        }
    }

    @Override
    public synchronized Optional<ResidentId> findResidentByEnrolment(OrganisationId source, String system, String value) {
        return links.stream().filter(l -> l.source().equals(source) && l.system().equals(system) && l.value().equals(value))
                .map(EnrolmentLink::resident).findFirst();
    }

    @Override
    public List<ResidentId> residents() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AccountId> accountOf(ResidentId resident) {
        throw new UnsupportedOperationException();
    }

    synchronized List<EnrolmentLink> links() {
        return List.copyOf(links);
    }

    @Override
    public PersonAccount registerResident(AccountCredentials credentials, AssuranceLevel assurance, ProofingMethod proofing) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PersonAccount registerEResident(AccountCredentials credentials, AssuranceLevel assurance, ProofingMethod proofing) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PersonAccount registerPractitioner(OrganisationId organisation, AccountCredentials credentials) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PersonAccount registerOperator(AccountCredentials credentials) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PersonAccount registerAuditor(AccountCredentials credentials) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PersonAccount> findAccount(AccountId account) {
        return Optional.empty();
    }

    @Override
    public void recordProofing(AccountId resident, org.azukari.identity.api.AssuranceLevel assurance,
                               org.azukari.identity.api.ProofingMethod proofing) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AccountTotpEnrolment enrolTotp(AccountId account) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean confirmTotp(AccountId account, String code) {
        return false;
    }

    @Override
    public void grantEmergencyRole(AccountId practitioner, AccountId grantedBy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void revokeEmergencyRole(AccountId practitioner) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean holdsEmergencyRole(AccountId account) {
        return false;
    }

    @Override
    public List<org.azukari.identity.api.PersonListing> people(int limit) {
        return List.of();
    }
}
