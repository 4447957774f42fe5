package org.azukari.fhir.pull;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * Where one target's pulls stand. Immutable: each transition answers the next cursor, and the
 * store writes it.
 *
 * <p>Invariants: the high-water mark ({@code highWater}, in the upstream server's clock) moves
 * only when a whole pull succeeded, so a pull that fails half-way is repeated in full from the
 * old mark (the bank's ingest is idempotent per resource version, so pages taken in before the
 * failure are not stored twice). The overlap is applied when asking, not when storing
 * ({@link #since(Duration)}). A failure counts {@code attempts} up and puts the next attempt off
 * by {@link Backoff}; a success resets both.
 *
 * @param highWater        the upstream time up to which everything was received; empty before the first success
 * @param attempts         failures in a row
 * @param runningSince     when the running pull was claimed (a claim older than the lease is taken as abandoned)
 * @param lastAttemptAt    when the last pull, successful or not, ended
 * @param resourcesPulled  resources received over all successful pulls
 * @param resourcesCreated of those, new versions the bank took in (the rest it already held)
 */
public record PullCursor(State state, Optional<Instant> highWater, int attempts, Instant nextAttemptAt,
                         Optional<Instant> runningSince, Optional<Instant> lastAttemptAt, Optional<Instant> lastSuccessAt,
                         Optional<PullError> lastError, long resourcesPulled, long resourcesCreated) {

    public enum State { IDLE, RUNNING, FAILED }

    public PullCursor {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(highWater, "high water");
        Objects.requireNonNull(nextAttemptAt, "next attempt");
        Objects.requireNonNull(runningSince, "running since");
        Objects.requireNonNull(lastAttemptAt, "last attempt");
        Objects.requireNonNull(lastSuccessAt, "last success");
        Objects.requireNonNull(lastError, "last error");
        if (attempts < 0 || resourcesPulled < 0 || resourcesCreated < 0) {
            throw new BadInputException(FhirGatewayError.FG_0691, "negative count in a pull cursor");
        }
        if ((state == State.RUNNING) != runningSince.isPresent()) {
            throw new BadInputException(FhirGatewayError.FG_0691, "a running cursor, and only it, has a claim time");
        }
    }

    /** A newly linked target: never pulled, due at once. */
    public static PullCursor fresh(Instant now) {
        return new PullCursor(State.IDLE, Optional.empty(), 0, now, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 0);
    }

    /** Whether the scheduler should take it now; a claim older than {@code lease} counts as abandoned. */
    public boolean isDue(Instant now, Duration lease) {
        if (state == State.RUNNING) {
            return !runningSince.orElseThrow().plus(lease).isAfter(now);
        }
        return !nextAttemptAt.isAfter(now);
    }

    /** Claimed for a pull that starts now. */
    public PullCursor claimed(Instant now) {
        return new PullCursor(State.RUNNING, highWater, attempts, nextAttemptAt, Optional.of(now), lastAttemptAt,
                lastSuccessAt, lastError, resourcesPulled, resourcesCreated);
    }

    /**
     * The whole pull succeeded. The mark moves to {@code newHighWater} when the upstream told one
     * (an empty answer without a time leaves it where it was); the next pull is due after {@code interval}.
     */
    public PullCursor succeeded(Optional<Instant> newHighWater, long pulled, long created, Instant now,
                                Duration interval) {
        return new PullCursor(State.IDLE, newHighWater.or(() -> highWater), 0, now.plus(interval), Optional.empty(),
                Optional.of(now), Optional.of(now), Optional.empty(), resourcesPulled + pulled, resourcesCreated + created);
    }

    /** The pull failed: same mark, one more attempt, the next one put off by {@code backoff}. */
    public PullCursor failed(PullError error, Instant now, Backoff backoff) {
        int failures = attempts == Integer.MAX_VALUE ? attempts : attempts + 1;
        return new PullCursor(State.FAILED, highWater, failures, now.plus(backoff.delay(failures)), Optional.empty(),
                Optional.of(now), lastSuccessAt, Optional.of(error), resourcesPulled, resourcesCreated);
    }

    /** The {@code _since} to ask with: the mark less the overlap, or nothing before the first success. */
    public Optional<Instant> since(Duration overlap) {
        return highWater.map(mark -> mark.minus(overlap));
    }
}
