package org.azukari.consent.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of walking the access log's hash chain and its signed checkpoints: intact, or
 * the first entry (by sequence) that was changed, removed, reordered or inserted, with a
 * stable finding code such as {@code hash-mismatch}, {@code sequence-gap}, {@code truncated},
 * {@code checkpoint-mismatch} or {@code bad-signature}.
 */
public record ChainVerification(boolean intact, long entriesChecked, long checkpointsChecked,
                                Optional<Long> firstBadSequence, String finding) {

    public ChainVerification {
        Objects.requireNonNull(firstBadSequence);
        Objects.requireNonNull(finding);
    }
}
