package org.azukari.trustbank.api;

import java.util.Objects;

/** A record read back from custody: its metadata and its plaintext (redacted in {@link #toString()}). */
public record DecryptedRecord(StoredRecord metadata, RecordContent content) {

    public DecryptedRecord {
        Objects.requireNonNull(metadata);
        Objects.requireNonNull(content);
    }
}
