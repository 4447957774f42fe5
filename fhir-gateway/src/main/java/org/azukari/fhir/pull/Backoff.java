package org.azukari.fhir.pull;

import java.time.Duration;
import java.util.Objects;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * When to try a failing target again: {@code initial} after the first failure, doubling with
 * each further one, never more than {@code max}. No jitter: targets fail at different times
 * anyway, and a deterministic schedule is what an operator can read from the status.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new BadInputException(FhirGatewayError.FG_0690, "back-off needs 0 < initial <= max");
        }
    }

    /** The wait after the {@code attempt}-th failure in a row (1 for the first). */
    public Duration delay(int attempt) {
        if (attempt <= 1) {
            return initial;
        }
        int doublings = Math.min(attempt - 1, 62);
        long factor = 1L << doublings;
        long initialMillis = initial.toMillis();
        if (initialMillis > max.toMillis() / factor) {
            return max;
        }
        Duration delay = Duration.ofMillis(initialMillis * factor);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
