package org.azukari.fhir.ingest;

import java.util.Optional;
import org.azukari.consent.api.DataCategory;
import org.azukari.trustbank.api.RecordId;

/**
 * One entry's fate: stored as a new version (under an existing or a new record id), or already
 * held ({@code store} false: the same version, or an older one arriving late).
 */
record EntryDecision(IngestEntry entry, SourceRef ref, Custody custody, RecordId record, boolean store,
                     Optional<IndexedRecord> held, byte[] contentHash, DataCategory category) {
}
