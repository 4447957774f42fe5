package org.azukari.accesslog.jdbc;

import java.util.Optional;
import org.azukari.accesslog.HeadWitness;

/**
 * The verifier's view of the {@link HeadWitness}, read before the walk: the row at the witnessed
 * sequence must carry the witnessed hash ({@code witness-mismatch}: the entries after the last
 * checkpoint were rewritten), and the walk must reach it ({@code truncated}: the tail was cut).
 * A log with rows and no witness is {@code witness-missing}; an unreadable one {@code witness-malformed}.
 */
final class WitnessCheck {

    private final HeadWitness.Reading reading;

    WitnessCheck(HeadWitness.Reading reading) {
        this.reading = reading;
    }

    /** After each row: the witnessed row must carry the witnessed hash. */
    boolean match(ChainWalk walk) {
        if (reading instanceof HeadWitness.Witnessed witnessed && witnessed.sequence() == walk.tail()
                && !witnessed.hash().equals(walk.tailHash())) {
            return walk.found(witnessed.sequence(), "witness-mismatch");
        }
        return true;
    }

    /** Whether the witness names a sequence after {@code tail}. */
    boolean beyond(long tail) {
        return reading instanceof HeadWitness.Witnessed witnessed && witnessed.sequence() > tail;
    }

    /** A finding about the file itself, once the walk is done. */
    Optional<ChainWalk.Finding> fileFinding(ChainWalk walk) {
        if (reading instanceof HeadWitness.Malformed) {
            return Optional.of(new ChainWalk.Finding(-1, "witness-malformed"));
        }
        if (reading instanceof HeadWitness.Absent && walk.tail() > 0) {
            return Optional.of(new ChainWalk.Finding(-1, "witness-missing"));
        }
        return Optional.empty();
    }
}
