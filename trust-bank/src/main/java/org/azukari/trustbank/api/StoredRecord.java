package org.azukari.trustbank.api;

import java.time.Instant;
import java.util.Objects;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;

/** What the bank knows of a stored record without decrypting it. */
public record StoredRecord(ResidentId resident, RecordId id, RecordVersion version, ResourceType type,
                           DataCategory category, Instant storedAt) {

    public StoredRecord {
        Objects.requireNonNull(resident);
        Objects.requireNonNull(id);
        Objects.requireNonNull(version);
        Objects.requireNonNull(type);
        Objects.requireNonNull(category);
        Objects.requireNonNull(storedAt);
    }
}
