package org.azukari.fhir.pull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where pull sources, targets and cursors are kept ({@code fg_pull_*}). Identifiers arrive
 * sealed and leave sealed; no credential is ever passed in.
 */
public interface PullStore {

    void addSource(PullSource source, Instant now);

    Optional<PullSource> source(PullSourceId id);

    List<PullSource> sources();

    /** @return false when there is no such source */
    boolean setEnabled(PullSourceId id, boolean enabled);

    /** Adds the target with {@code cursor}, or replaces its sealed identifier and its cursor. */
    void putTarget(PullTarget target, byte[] sealedIdentifier, PullCursor cursor, Instant now);

    Optional<byte[]> sealedIdentifier(PullTarget target);

    List<PullTarget> targets(PullSourceId source);

    /**
     * Targets of enabled sources whose next attempt is due, or whose claim is older than
     * {@code abandonedBefore}; the longest-waiting first.
     */
    List<PullTarget> due(Instant now, Instant abandonedBefore, int limit);

    Optional<PullCursor> cursor(PullTarget target);

    List<PullCursor> cursors(PullSourceId source);

    /**
     * Claims the target for a pull, atomically: only if it is not running, or its claim is older
     * than {@code abandonedBefore}. Answers the cursor as claimed, or empty when someone else holds it.
     */
    Optional<PullCursor> claim(PullTarget target, Instant now, Instant abandonedBefore);

    /**
     * Writes the cursor a pull ended with, if {@code claimed} (the cursor {@link #claim} answered)
     * still holds the target; false when the claim was lost (taken over after the lease).
     */
    boolean release(PullTarget target, PullCursor claimed, PullCursor after);
}
