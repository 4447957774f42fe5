package org.azukari.fhir.release;

import java.time.Instant;
import java.util.List;
import org.azukari.consent.api.ResidentId;

/** Where signed release receipts are kept, for the resident to read later. */
public interface ReceiptStore {

    void save(String receiptId, ResidentId resident, String recipient, Instant issuedAt, String json, String signature);

    /** The resident's receipts, newest first, at most {@code limit}. */
    List<StoredReceipt> forResident(ResidentId resident, int limit);

    /** One receipt as issued: its canonical JSON and the bank's signature over exactly those bytes. */
    record StoredReceipt(String id, String recipient, Instant issuedAt, String json, String signature) {
    }
}
