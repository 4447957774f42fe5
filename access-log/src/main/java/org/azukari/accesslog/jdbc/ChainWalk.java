package org.azukari.accesslog.jdbc;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.azukari.accesslog.CanonicalForm;
import org.azukari.accesslog.Checkpoint;

/**
 * The state of one verification walk over rows in sequence order, holding only the last two
 * hashes. It starts at sequence 1 from {@link CanonicalForm#GENESIS}, or, when retention
 * retired a prefix, right after the signed retirement anchor, from the anchor's hash.
 * The first problem found is kept; later rows are not looked at.
 */
final class ChainWalk {

    private final Optional<Checkpoint> anchor;
    private long expected = 1;
    private String previous = CanonicalForm.GENESIS;
    private String beforePrevious;
    private long checked;
    private boolean started;
    private Finding finding;

    record Finding(long sequence, String code) {
    }

    ChainWalk(Optional<Checkpoint> anchor) {
        this.anchor = anchor;
    }

    /** Checks one row; false once a finding is recorded. */
    boolean row(long sequence, UUID entryId, Instant at, String entryJson, String prevHash, String hash) {
        if (!started) {
            started = true;
            if (sequence != 1 && anchor.isPresent() && sequence == anchor.get().sequence() + 1) {
                expected = sequence;
                previous = anchor.get().hash();
            }
        }
        if (sequence > expected) {
            return found(expected, "sequence-gap");
        }
        if (sequence < expected) {
            return found(sequence, "out-of-order");
        }
        if (!prevHash.equals(previous)) {
            // the row still points at the entry before its predecessor: that predecessor was slipped in
            return prevHash.equals(beforePrevious) ? found(sequence - 1, "inserted") : found(sequence, "prev-hash-mismatch");
        }
        if (!CanonicalForm.hash(prevHash, sequence, entryId, at, entryJson).equals(hash)) {
            return found(sequence, "hash-mismatch");
        }
        beforePrevious = previous;
        previous = hash;
        expected++;
        checked++;
        return true;
    }

    boolean found(long sequence, String code) {
        if (finding == null) {
            finding = new Finding(sequence, code);
        }
        return false;
    }

    /** The last good sequence, or the anchor's when no row has been read. */
    long tail() {
        return started || anchor.isEmpty() ? expected - 1 : anchor.get().sequence();
    }

    /** The hash of {@link #tail()}. */
    String tailHash() {
        return started || anchor.isEmpty() ? previous : anchor.get().hash();
    }

    long checked() {
        return checked;
    }

    Optional<Finding> finding() {
        return Optional.ofNullable(finding);
    }
}
