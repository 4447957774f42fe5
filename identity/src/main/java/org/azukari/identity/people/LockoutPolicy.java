package org.azukari.identity.people;

import java.time.Duration;
import java.util.Optional;

/**
 * Back-off after consecutive failures: the fifth locks the account for one minute, and every
 * further failure (possible only once the lock has run out) doubles it, up to one hour. A
 * successful sign-in resets the count. Attempts while locked neither count nor extend the
 * lock, so nobody can keep an account locked for longer than the cap by hammering it.
 */
final class LockoutPolicy {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration MAX_LOCK = Duration.ofHours(1);

    private LockoutPolicy() {
    }

    /** How long to lock after the {@code failures}-th consecutive failure; empty below the threshold. */
    static Optional<Duration> lockAfter(int failures) {
        if (failures < FREE_ATTEMPTS) {
            return Optional.empty();
        }
        int doublings = Math.min(failures - FREE_ATTEMPTS, 16);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return Optional.of(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
    }
}
