package org.azukari.identity.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wall clock as the bank's expiry decisions read it: never earlier than it has already been.
 * A wall clock set back (by hand, by a bad NTP step, a VM restored from a snapshot) would otherwise
 * make expired access tokens and ended emergency openings valid again, and make tokens the bank
 * just issued look "issued in the future". This clock stands still until the wall clock catches up
 * instead; a jump forward is followed at once, so what should expire does.
 *
 * <p>One per underlying clock ({@link #of}), so every reader in the process shares one idea of
 * "the latest now" (the token service and the realm that checks its tokens agree).
 */
public final class NonDecreasingClock extends Clock {

    private static final Map<Clock, NonDecreasingClock> SHARED = new WeakHashMap<>();

    private final Clock wall;
    private final AtomicReference<Instant> latest;

    private NonDecreasingClock(Clock wall, AtomicReference<Instant> latest) {
        this.wall = wall;
        this.latest = latest;
    }

    /** The non-decreasing view of {@code wall}, shared by everyone who asks for the same clock. */
    public static Clock of(Clock wall) {
        if (wall instanceof NonDecreasingClock already) {
            return already;
        }
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(wall, w -> new NonDecreasingClock(w, new AtomicReference<>(Instant.MIN)));
        }
    }

    @Override
    public Instant instant() {
        Instant now = wall.instant();
        return latest.accumulateAndGet(now, (seen, current) -> current.isAfter(seen) ? current : seen);
    }

    @Override
    public ZoneId getZone() {
        return wall.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(wall.getZone()) ? this : new NonDecreasingClock(wall.withZone(zone), latest);
    }
}
