package org.azukari.consent.api;

import java.util.List;
import java.util.Optional;

/**
 * Residents' consents, versioned and never overwritten. Every change is written to the
 * {@link AccessLog} in the same transaction: if the log cannot be written, the change is refused
 * ({@link AccessLogUnavailableException}) and nothing is stored. Reads that fail throw
 * {@link ConsentUnavailableException}. Changes to a consent of another resident, or in a state
 * that does not allow them, are refused with {@link ConsentChangeRefusedException}.
 */
public interface Consents {

    /** A recipient asks: stores a {@code PROPOSED} version with the question it was shown with. */
    Consent request(ResidentId resident, ConsentTerms terms, ConsentEvidence question, AccessActor actor);

    /** The resident answers a pending request: yes makes it {@code ACTIVE}, no {@code REJECTED}. */
    Consent answer(ResidentId resident, ConsentId id, boolean yes, ConsentEvidence evidence, AccessActor actor);

    /** The resident grants without a request: an {@code ACTIVE} consent. */
    Consent grant(ResidentId resident, ConsentTerms terms, ConsentEvidence evidence, AccessActor actor);

    /** The resident withdraws (any time, any non-final state): a {@code WITHDRAWN} version. */
    Consent withdraw(ResidentId resident, ConsentId id, String channel, AccessActor actor);

    /** The newest version. */
    Optional<Consent> find(ConsentId id);

    /** Every version, oldest first. */
    List<Consent> history(ConsentId id);

    /** The newest version of each of the resident's consents, newest first. */
    List<Consent> forResident(ResidentId resident);

    /** The resident's requests still waiting for an answer. */
    List<Consent> pendingRequests(ResidentId resident);

    /**
     * Every resident with a consent active at {@code at} for this recipient organisation (any of
     * its services) and purpose: the cohort a dataset export may consider. Whether each one's
     * consent covers the categories is still for the decision point to say, resident by resident.
     */
    List<ResidentId> residentsConsentingTo(String organisation, Purpose purpose, java.time.Instant at);
}
