package org.azukari.accesslog.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.azukari.accesslog.Checkpoint;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the log signs a checkpoint by itself: once {@link CheckpointPolicy#every()} entries or
 * {@link CheckpointPolicy#interval()} have passed since the latest checkpoint, and before the
 * first one since the log's first entry (so a fresh bank does not wait for a first checkpoint
 * that the interval would only count from). A wall clock found behind the latest checkpoint (set
 * back) makes the checkpoint due at once, so the schedule never stalls until the clock catches up. Asked after each commit; the entries are committed
 * by then, so a failed checkpoint does not undo them: it is logged (ids only) and retried after
 * the next append.
 */
final class CheckpointSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final Checkpointer checkpointer;
    private final CheckpointPolicy policy;
    private final Clock clock;
    private volatile Checkpoint last;
    private volatile Instant firstEntryAt;
    private volatile boolean known;

    CheckpointSchedule(Checkpointer checkpointer, CheckpointPolicy policy, Clock clock) {
        this.checkpointer = checkpointer;
        this.policy = policy;
        this.clock = clock;
    }

    void afterCommit(LoggedEntry newest) {
        try {
            if (!known) {
                last = checkpointer.latest().orElse(null);
                firstEntryAt = last == null ? checkpointer.firstEntryAt().orElse(newest.at()) : null;
                known = true;
            }
            Checkpoint latest = last;
            long since = latest == null ? newest.sequence() : newest.sequence() - latest.sequence();
            Instant from = latest == null ? firstEntryAt : latest.at();
            Instant now = clock.instant();
            // a wall clock set back behind the latest checkpoint cannot measure the interval from it:
            // sign now, and measure from this one, rather than wait for the clock to catch up
            boolean stale = from.isAfter(now) || Duration.between(from, now).compareTo(policy.interval()) >= 0;
            if (since >= policy.every() || (since > 0 && stale)) {
                now();
            }
        } catch (AccessLogUnavailableException e) {
            LOG.warn("CP-0134 checkpoint after sequence {} failed; will retry", newest.sequence(), e);
        }
    }

    /** Signs the head now, unless it is already checkpointed. */
    Optional<Checkpoint> now() {
        Optional<Checkpoint> taken = checkpointer.checkpoint();
        taken.ifPresent(checkpoint -> last = checkpoint);
        return taken;
    }
}
