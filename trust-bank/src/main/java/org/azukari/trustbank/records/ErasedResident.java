package org.azukari.trustbank.records;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.keys.KeyId;

/**
 * One line of the erasure ledger: ids and a time, nothing else.
 *
 * @param kek the key the erasure destroyed; empty when the resident had no custody yet (erased
 *            before any record arrived), which is remembered all the same so that none starts it
 */
public record ErasedResident(ResidentId resident, Optional<KeyId> kek, Instant erasedAt) {

    public ErasedResident {
        Objects.requireNonNull(resident);
        Objects.requireNonNull(kek);
        Objects.requireNonNull(erasedAt);
    }

    /** Whether this erasure destroyed {@code key}. */
    public boolean destroyed(KeyId key) {
        return kek.filter(key::equals).isPresent();
    }
}
