package org.azukari.trustbank.records;

import java.time.Instant;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.keys.KeyId;

/** One line of the erasure ledger: ids and a time, nothing else. */
public record ErasedResident(ResidentId resident, KeyId kek, Instant erasedAt) {
}
