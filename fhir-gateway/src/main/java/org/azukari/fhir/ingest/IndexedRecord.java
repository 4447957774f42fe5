package org.azukari.fhir.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;

/** Where the bank keeps a source's resource (of which type), and which of the source's versions it holds. */
public record IndexedRecord(String resourceType, Custody custody, RecordId record, RecordVersion bankVersion,
                            Optional<String> sourceVersion, Optional<Instant> sourceLastUpdated, byte[] contentHash) {

    public IndexedRecord {
        Objects.requireNonNull(resourceType);
        Objects.requireNonNull(custody);
        Objects.requireNonNull(record);
        Objects.requireNonNull(bankVersion);
        Objects.requireNonNull(sourceVersion);
        Objects.requireNonNull(sourceLastUpdated);
        contentHash = contentHash.clone();
    }

    @Override
    public byte[] contentHash() {
        return contentHash.clone();
    }
}
