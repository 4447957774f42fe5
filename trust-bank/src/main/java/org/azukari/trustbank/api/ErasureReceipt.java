package org.azukari.trustbank.api;

import java.time.Instant;
import org.azukari.consent.api.ResidentId;

/** Proof, by ids only, that a resident's custody was erased and how many record versions went with it. */
public record ErasureReceipt(ResidentId resident, Instant erasedAt, int recordVersionsRemoved) {
}
