package org.azukari.trustbank.api;

import java.util.Objects;
import org.azukari.consent.api.DataCategory;

/** A record handed to the bank for custody. Its content is redacted in {@link #toString()}. */
public record RecordToStore(RecordId id, ResourceType type, DataCategory category, RecordContent content) {

    public RecordToStore {
        Objects.requireNonNull(id, "record id");
        Objects.requireNonNull(type, "resource type");
        Objects.requireNonNull(category, "data category");
        Objects.requireNonNull(content, "content");
    }
}
