package org.azukari.fhir.release;

import java.time.Instant;
import org.azukari.consent.api.ResidentId;

/** Kept receipts, so that the resident can read every release of their data later. */
public interface ReceiptStore {

    void save(String receiptId, ResidentId resident, String recipient, Instant issuedAt, String json, String signature);
}
