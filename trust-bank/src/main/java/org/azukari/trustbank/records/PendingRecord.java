package org.azukari.trustbank.records;

import java.util.Optional;
import org.azukari.consent.api.DataCategory;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResourceType;

/** A record about to be appended: its metadata and, for a conditional write, the version it expects. */
public record PendingRecord(RecordId id, ResourceType type, DataCategory category, Optional<RecordVersion> expected) {
}
