package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A search of the access log; every criterion is optional and they combine with AND. Results
 * come newest first, {@code limit} at a time (1–1000) from {@code offset}.
 */
public record AccessLogQuery(Optional<ResidentId> resident, Optional<String> actorId, Optional<String> organisation,
                             Optional<Purpose> purpose, Optional<Instant> from, Optional<Instant> to,
                             Optional<AccessDecision> decision, int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AccessLogQuery {
        Objects.requireNonNull(resident);
        Objects.requireNonNull(actorId);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(decision);
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("CP-0120 offset must be >= 0 and limit 1.." + MAX_LIMIT);
        }
    }

    /** Everything about one resident: what a resident sees of their own data. */
    public static AccessLogQuery forResident(ResidentId resident) {
        return new AccessLogQuery(Optional.of(resident), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 100);
    }
}
