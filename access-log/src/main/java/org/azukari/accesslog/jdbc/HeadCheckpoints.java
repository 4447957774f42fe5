package org.azukari.accesslog.jdbc;

import org.azukari.accesslog.Checkpoint;
import org.azukari.accesslog.CheckpointFile;
import org.azukari.consent.api.CheckpointSigner;

/**
 * The file's validly signed head checkpoints, one at a time in file order, merged with a walk
 * in sequence order. Malformed, badly signed and retirement lines are passed over here (the
 * verifier's first pass reports the bad ones).
 */
final class HeadCheckpoints {

    private final CheckpointFile.Lines lines;
    private final CheckpointSigner signer;
    private Checkpoint next;

    HeadCheckpoints(CheckpointFile.Lines lines, CheckpointSigner signer) {
        this.lines = lines;
        this.signer = signer;
        advance();
    }

    /**
     * After each row: a checkpoint naming the walk's tail must carry its hash. Those naming
     * sequences before the first kept row belong to a retired range and are passed over.
     */
    boolean match(ChainWalk walk) {
        while (next != null && next.sequence() <= walk.tail()) {
            if (next.sequence() == walk.tail() && !next.hash().equals(walk.tailHash())) {
                return walk.found(next.sequence(), "checkpoint-mismatch");
            }
            advance();
        }
        return true;
    }

    /** Whether a checkpoint names a sequence after {@code tail}. */
    boolean beyond(long tail) {
        while (next != null && next.sequence() <= tail) {
            advance();
        }
        return next != null;
    }

    /** Whether the file holds this head checkpoint; callers ask in ascending sequence order. */
    boolean contains(long sequence, String hash) {
        while (next != null && next.sequence() < sequence) {
            advance();
        }
        return next != null && next.sequence() == sequence && next.hash().equals(hash);
    }

    private void advance() {
        next = null;
        while (lines.advance()) {
            Checkpoint candidate = lines.current();
            if (candidate != null && candidate.kind() == Checkpoint.Kind.HEAD
                    && signer.verify(candidate.payload(), candidate.signature())) {
                next = candidate;
                return;
            }
        }
    }
}
