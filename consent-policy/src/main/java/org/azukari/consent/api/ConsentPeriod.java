package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** When a consent applies: from {@code start} (inclusive) until {@code end} (exclusive), or open-ended. */
public record ConsentPeriod(Instant start, Optional<Instant> end) {

    public ConsentPeriod {
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
        if (end.filter(e -> !e.isAfter(start)).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0205, "a consent period must end after it starts");
        }
    }

    public static ConsentPeriod from(Instant start) {
        return new ConsentPeriod(start, Optional.empty());
    }

    public static ConsentPeriod between(Instant start, Instant end) {
        return new ConsentPeriod(start, Optional.of(end));
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && end.map(at::isBefore).orElse(true);
    }

    public boolean endedBy(Instant at) {
        return end.filter(e -> !at.isBefore(e)).isPresent();
    }
}
