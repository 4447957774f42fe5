package org.azukari.fhir.release;

import java.time.Instant;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;

/** Issued share codes, by keyed hash only. */
public interface ShareCodeStore {

    void save(byte[] codeHash, ResidentId resident, Instant expiresAt);

    /** The resident of the code, if it exists, is unused and has not expired; the code stays as it is. */
    Optional<ResidentId> holder(byte[] codeHash, Instant now);

    /** Marks the code used and answers its resident, if it exists, is unused and has not expired; atomically. */
    Optional<ResidentId> redeem(byte[] codeHash, Instant now);
}
