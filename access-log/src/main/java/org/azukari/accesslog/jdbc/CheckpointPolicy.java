package org.azukari.accesslog.jdbc;

import java.time.Duration;
import java.util.Objects;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;

/** When the log signs a checkpoint by itself: after {@code every} entries or {@code interval}, whichever first. */
public record CheckpointPolicy(int every, Duration interval) {

    public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(1000, Duration.ofSeconds(60));

    public CheckpointPolicy {
        Objects.requireNonNull(interval);
        if (every < 1 || interval.isNegative() || interval.isZero()) {
            throw new BadInputException(ConsentPolicyError.CP_0133, "checkpoint policy needs every >= 1 and a positive interval");
        }
    }
}
