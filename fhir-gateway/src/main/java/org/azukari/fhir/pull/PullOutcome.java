package org.azukari.fhir.pull;

import java.util.Objects;
import java.util.Optional;

/** How one target's run ended. {@code SKIPPED}: it was already running (here or on another node). */
public record PullOutcome(PullTarget target, Kind kind, long pulled, Optional<PullError> error) {

    public enum Kind { SUCCEEDED, FAILED, SKIPPED }

    public PullOutcome {
        Objects.requireNonNull(target);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(error);
    }
}
