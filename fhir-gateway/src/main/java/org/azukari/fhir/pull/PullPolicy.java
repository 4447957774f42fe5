package org.azukari.fhir.pull;

import java.time.Duration;
import java.util.Objects;

/**
 * How pulls run (from {@code azukari.gateway.pull.*}).
 *
 * @param interval the wait after a successful pull, and the scheduler's tick
 * @param overlap  subtracted from the high-water mark when asking for changes, against clock
 *                 granularity and writes committed late on the upstream side
 * @param lease    a claim older than this is taken as abandoned (a crashed node) and may be taken again
 * @param pageSize the {@code _count} asked for
 * @param maxPages a pull that pages further fails (FG-0616): a guard against a server that never stops
 * @param threads  the pull pool (pulls of different targets in parallel; one target never twice)
 */
public record PullPolicy(Duration interval, Backoff backoff, Duration overlap, Duration lease, int pageSize,
                         int maxPages, int threads) {

    public PullPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(lease, "lease");
        if (interval.isNegative() || interval.isZero() || overlap.isNegative() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("FG-0696 pull interval and lease must be positive, the overlap not negative");
        }
        if (pageSize < 1 || pageSize > 1000 || maxPages < 1 || threads < 1 || threads > 4) {
            throw new IllegalArgumentException("FG-0696 page size 1..1000, max pages >= 1, threads 1..4");
        }
    }
}
