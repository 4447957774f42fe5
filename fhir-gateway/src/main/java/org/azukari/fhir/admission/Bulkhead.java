package org.azukari.fhir.admission;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code overall} holders at once, and at most {@code perKey} for any one key (a source,
 * an organisation). {@link #tryEnter} never waits: the answer is {@link Admitted} or
 * {@link Refused} at once, so a caller over the limit is told so instead of waiting for a
 * connection. Keys are organisations, a set the operator registers, so the per-key map stays small.
 *
 * @param <K> what the per-key limit is counted by
 */
public final class Bulkhead<K> {

    private final String name;
    private final Semaphore overall;
    private final int perKey;
    private final Duration retryAfter;
    private final Map<K, Semaphore> keys = new ConcurrentHashMap<>();

    /** {@code perKey} of {@code 0} or more than {@code overall} means "no tighter than overall". */
    public Bulkhead(String name, int overall, int perKey, Duration retryAfter) {
        if (overall < 1) {
            throw new IllegalArgumentException(name + ": at least one must be admitted at once, not " + overall);
        }
        this.name = name;
        this.overall = new Semaphore(overall);
        this.perKey = perKey <= 0 ? overall : Math.min(perKey, overall);
        this.retryAfter = retryAfter;
    }

    public String name() {
        return name;
    }

    /** Enters if both the key's and the overall limit have room; never blocks. */
    public Entry tryEnter(K key) {
        Semaphore mine = keys.computeIfAbsent(key, k -> new Semaphore(perKey));
        if (!mine.tryAcquire()) {
            return new Refused(Refused.Limit.PER_KEY, retryAfter);
        }
        if (!overall.tryAcquire()) {
            mine.release();
            return new Refused(Refused.Limit.OVERALL, retryAfter);
        }
        return new Admitted(() -> {
            overall.release();
            mine.release();
        });
    }

    /** How many may still enter overall (for tests and diagnostics). */
    public int available() {
        return overall.availablePermits();
    }

    /** The answer of {@link #tryEnter}. */
    public sealed interface Entry permits Admitted, Refused {
    }

    /** Inside: {@link #close()} (once; later calls do nothing) lets the next one in. */
    public static final class Admitted implements Entry, AutoCloseable {
        private final Runnable leave;
        private final AtomicBoolean left = new AtomicBoolean();

        Admitted(Runnable leave) {
            this.leave = leave;
        }

        @Override
        public void close() {
            if (left.compareAndSet(false, true)) {
                leave.run();
            }
        }
    }

    /**
     * Not admitted: which limit was full, and how long the caller should wait before asking again.
     */
    public record Refused(Limit limit, Duration retryAfter) implements Entry {

        public enum Limit { PER_KEY, OVERALL }

        /** Whole seconds, at least one, as {@code Retry-After} takes them. */
        public String retryAfterSeconds() {
            return Long.toString(Math.max(1, retryAfter.toSeconds()));
        }
    }
}
