package org.azukari.fhir.pull;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.PeopleRegistry;

/**
 * Links residents to pull sources. The operator gives the identifier the source knows the
 * resident by; it becomes an enrolment link at the source's organisation (so that the ingest
 * matches the pulled Patient to the resident) and a sealed identifier on the target (so that the
 * puller can ask for that Patient). The identity module checks it first: a malformed identifier,
 * a 12-digit value (a My Number), an unknown resident, or an identifier already linked to another
 * resident is refused there, and nothing is stored here.
 *
 * <p>Linking again with the same identifier changes nothing ({@code linkEnrolment} is idempotent
 * too); with another identifier it replaces the target's and starts its cursor afresh (the old
 * enrolment link stays: it still names this resident).
 */
public final class PullTargets {

    private final PullStore store;
    private final PeopleRegistry people;
    private final IdentifierSeal seal;
    private final Clock clock;

    public PullTargets(PullStore store, PeopleRegistry people, IdentifierSeal seal, Clock clock) {
        this.store = store;
        this.people = people;
        this.seal = seal;
        this.clock = clock;
    }

    public PullTarget link(PullSourceId sourceId, ResidentId resident, UpstreamIdentifier identifier) {
        PullSource source = store.source(sourceId)
                .orElseThrow(() -> new BadInputException(FhirGatewayError.FG_0606, "unknown pull source"));
        if (identifier.system().length() > IdentifierSeal.MAX_SYSTEM || identifier.value().length() > IdentifierSeal.MAX_VALUE) {
            throw new BadInputException(FhirGatewayError.FG_0605, "identifier too long");
        }
        people.linkEnrolment(new EnrolmentLink(resident, source.organisation(), identifier.system(), identifier.value()));
        PullTarget target = new PullTarget(sourceId, resident);
        Optional<byte[]> existing = store.sealedIdentifier(target);
        if (existing.isPresent() && sameIdentifier(target, existing.get(), identifier)) {
            return target;
        }
        Instant now = clock.instant();
        store.putTarget(target, seal.seal(target, identifier), PullCursor.fresh(now), now);
        return target;
    }

    private boolean sameIdentifier(PullTarget target, byte[] sealed, UpstreamIdentifier identifier) {
        try {
            return seal.open(target, sealed).equals(identifier);
        } catch (PullFailure unreadable) {
            return false;
        }
    }
}
