package org.azukari.consent.api;

import java.util.List;
import java.util.Optional;

/**
 * The signed checkpoints of the access log, for an auditor to read, and where their copies outside
 * the database live. Read-only.
 */
public interface SignedCheckpoints {

    int MAX_PAGE = 100;

    /**
     * The database copy, newest first (sequence descending, then kind), at most {@code limit}
     * (1..{@value #MAX_PAGE}), after {@code after} when given; {@link AccessLogUnavailableException}
     * when the database cannot answer.
     */
    List<SignedCheckpoint> newestFirst(Optional<SignedCheckpoint.CheckpointCursor> after, int limit);

    /** Where the copies outside the database are kept, as configured. */
    WitnessCopies witnessCopies();

    /**
     * The checkpoint file (every checkpoint, one line each, only appended to: the copy the verifier
     * trusts) and the head witness file (the latest head, unsigned, overwritten in place), as
     * absolute paths on the bank's host.
     */
    record WitnessCopies(String checkpointFile, String headWitnessFile) {
    }
}
