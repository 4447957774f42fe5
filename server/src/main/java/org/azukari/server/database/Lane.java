package org.azukari.server.database;

import java.util.function.Supplier;

/**
 * Which pool a thread's database work uses. Threads the web edge did not mark (the pull and export
 * workers, the outbox indexer, checkpoints) are {@link #BULK}: background work never takes the
 * control pool's connections. Every HTTP request starts as {@link #CONTROL}; {@code /fhir} requests
 * switch to {@link #BULK} once their bearer token has been checked.
 */
public enum Lane {
    CONTROL, BULK;

    private static final ThreadLocal<Lane> CURRENT = new ThreadLocal<>();

    public static Lane current() {
        Lane lane = CURRENT.get();
        return lane == null ? BULK : lane;
    }

    /** Runs {@code work} in this lane and restores the thread's lane after it. */
    public <T> T run(Supplier<T> work) {
        try (Entered entered = enter()) {
            return work.get();
        }
    }

    /** Puts the thread in this lane until the returned handle is closed, which restores the lane before. */
    public Entered enter() {
        Lane before = CURRENT.get();
        CURRENT.set(this);
        return new Entered(before);
    }

    /** The thread's lane before {@link #enter()}, restored on close. */
    public record Entered(Lane before) implements AutoCloseable {
        @Override
        public void close() {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
