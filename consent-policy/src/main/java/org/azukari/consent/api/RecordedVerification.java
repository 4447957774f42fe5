package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;

/** One verification in the history: its number, when it ran, who asked and what it found. */
public record RecordedVerification(long id, Instant at, VerifiedBy by, ChainVerification verdict) {

    public RecordedVerification {
        Objects.requireNonNull(at);
        Objects.requireNonNull(by);
        Objects.requireNonNull(verdict);
    }
}
