package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An entry as the log holds it: its position in the chain, its id (idempotency key for the
 * search index), the time it was appended, the entry, and the chain hash over it and its
 * predecessor (hex SHA-256).
 */
public record LoggedEntry(long sequence, UUID entryId, Instant at, AccessLogEntry entry, String hash) {

    public LoggedEntry {
        Objects.requireNonNull(entryId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(entry);
        Objects.requireNonNull(hash);
        if (sequence < 1) {
            throw new BadInputException(ConsentPolicyError.CP_0104, "sequence starts at 1");
        }
    }
}
