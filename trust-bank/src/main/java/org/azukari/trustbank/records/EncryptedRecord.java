package org.azukari.trustbank.records;

import org.azukari.trustbank.api.StoredRecord;

/** A stored record version as the database holds it: metadata and the sealed envelope. */
public record EncryptedRecord(StoredRecord metadata, byte[] envelope) {

    @Override
    public String toString() {
        return "EncryptedRecord[" + metadata + ", " + envelope.length + " bytes]";
    }
}
