package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a consent. Versions are never overwritten: a request, an answer, a grant and a
 * withdrawal each add one, and the newest is the consent's state.
 *
 * @param evidence how this version was given (absent for a withdrawal without a text shown)
 * @param actorId  who made this version (account or client id), for the history
 * @param recorded when this version was stored
 */
public record Consent(ConsentId id, int version, ResidentId resident, ConsentTerms terms, ConsentStatus status,
                      Optional<ConsentEvidence> evidence, String actorId, Instant recorded) {

    public Consent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(resident);
        Objects.requireNonNull(terms);
        Objects.requireNonNull(status);
        Objects.requireNonNull(evidence);
        Objects.requireNonNull(actorId);
        Objects.requireNonNull(recorded);
        if (version < 1 || status == ConsentStatus.EXPIRED) {
            throw new BadInputException(ConsentPolicyError.CP_0212, "malformed consent version");
        }
    }

    public ConsentVersionRef ref() {
        return id.version(version);
    }

    /** The status as it counts at {@code at}: an active consent whose period has ended is {@code EXPIRED}. */
    public ConsentStatus statusAt(Instant at) {
        return status == ConsentStatus.ACTIVE && terms.period().endedBy(at) ? ConsentStatus.EXPIRED : status;
    }
}
