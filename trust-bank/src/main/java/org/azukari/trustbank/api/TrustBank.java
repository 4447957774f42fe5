package org.azukari.trustbank.api;

import java.util.List;
import org.azukari.consent.api.ResidentId;

/**
 * Per-resident encrypted custody. The only way to read a resident's data.
 *
 * <p>Every method fails closed: if the key vault is unreachable, sealed or denies, a
 * {@link KeyVaultUnavailableException} or {@link KeyVaultDeniedException} is thrown and
 * nothing is written or returned. Reads of another resident's record answer
 * {@link RecordNotFoundException}, exactly as for a record that does not exist.
 */
public interface TrustBank {

    /**
     * Starts the resident's custody (their own key-encryption key and data key) when their first
     * record arrives. Enrolling twice is a no-op. An erased resident is refused with
     * {@link ResidentErasedException} and nothing is created: erasure is final until
     * {@link #enrolAnew}.
     */
    void enrol(ResidentId resident);

    /**
     * Starts a new custody, under a new key, for a resident who erased their data: only the
     * operator's new enrolment of the person (their identity proofed again) calls this. For a
     * resident who is enrolled it is a no-op; for one never enrolled it is {@link #enrol}.
     */
    void enrolAnew(ResidentId resident);

    /** Where the resident's custody stands; reads the database only, never the key vault. */
    Enrolment enrolment(ResidentId resident);

    default boolean isEnrolled(ResidentId resident) {
        return enrolment(resident) == Enrolment.ENROLLED;
    }

    /** Stores a new version of each record in one transaction: all or nothing. */
    List<StoredRecord> storeAll(ResidentId resident, List<RecordToStore> records);

    default StoredRecord store(ResidentId resident, RecordToStore record) {
        return storeAll(resident, List.of(record)).get(0);
    }

    /** Stores a new version only if {@code expected} is still the current one ("If-Match"). */
    StoredRecord storeIfCurrent(ResidentId resident, RecordToStore record, RecordVersion expected);

    DecryptedRecord read(ResidentId resident, RecordId record);

    DecryptedRecord read(ResidentId resident, RecordId record, RecordVersion version);

    /** The current version of each of the resident's records, without decrypting anything. */
    List<StoredRecord> list(ResidentId resident);

    /**
     * Every current record of the resident, decrypted: one query and one key unwrap per data-key
     * generation, for a resident reading all their own records (the portal, the download). The
     * same failures as {@link #read(ResidentId, RecordId)}; an unknown resident has none.
     */
    List<DecryptedRecord> readAll(ResidentId resident);

    /**
     * Crypto-shreds the resident: destroys their key-encryption key in the vault, which makes
     * every copy of their ciphertext unreadable, backups included; then removes their rows.
     * The erasure is remembered in the erasure ledger (ids only) and re-applied after a restore.
     * A resident with no custody yet is erased too: the erasure is remembered, so that no record
     * arriving later starts their custody. Erasing an erased resident again changes nothing.
     */
    ErasureReceipt erase(ResidentId resident);

    /** Rotates the resident's key-encryption key and rewraps their data keys; records are not re-encrypted. */
    void rotateKey(ResidentId resident);

    /** After a rotation, makes the older key versions unusable for decryption. */
    void retireOldKeyVersions(ResidentId resident);
}
