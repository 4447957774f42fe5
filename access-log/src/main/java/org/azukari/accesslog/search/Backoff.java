package org.azukari.accesslog.search;

import java.time.Duration;

/** Bounded exponential back-off: {@code initial}, doubled after each failure, never above {@code max}. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Counts a failure and answers how long to wait before the next attempt. */
    Duration failed() {
        failures++;
        int shift = Math.min(failures - 1, 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    void succeeded() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
