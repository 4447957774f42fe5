package org.azukari.fhir.pull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source's pulls at a glance, for operators: counts over its targets, never which residents.
 *
 * @param succeeded  targets whose last pull succeeded
 * @param failing    targets whose last pull failed (waiting for their retry)
 * @param running    targets being pulled now
 * @param lastError  the error of the most recent failing pull, if any target is failing
 */
public record PullStatus(PullSource source, int targets, int succeeded, int failing, int running,
                         Optional<Instant> lastSuccessAt, Optional<PullError> lastError, long resourcesPulled) {

    public PullStatus {
        Objects.requireNonNull(source);
        Objects.requireNonNull(lastSuccessAt);
        Objects.requireNonNull(lastError);
    }

    public static PullStatus of(PullSource source, List<PullCursor> cursors) {
        int succeeded = 0;
        int failing = 0;
        int running = 0;
        long pulled = 0;
        for (PullCursor cursor : cursors) {
            switch (cursor.state()) {
                case FAILED -> failing++;
                case RUNNING -> running++;
                case IDLE -> succeeded += cursor.lastSuccessAt().isPresent() ? 1 : 0;
            }
            pulled += cursor.resourcesPulled();
        }
        Optional<Instant> lastSuccess = cursors.stream().flatMap(c -> c.lastSuccessAt().stream())
                .max(Comparator.naturalOrder());
        Optional<PullError> lastError = cursors.stream()
                .filter(c -> c.state() == PullCursor.State.FAILED && c.lastError().isPresent())
                .max(Comparator.comparing(c -> c.lastAttemptAt().orElse(Instant.EPOCH)))
                .flatMap(PullCursor::lastError);
        return new PullStatus(source, cursors.size(), succeeded, failing, running, lastSuccess, lastError, pulled);
    }
}
