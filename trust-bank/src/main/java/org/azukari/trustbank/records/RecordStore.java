package org.azukari.trustbank.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;

/**
 * The seam to the database that holds ciphertext: keyrings of wrapped data keys and
 * versioned record envelopes. It never sees a plaintext record or an unwrapped key.
 */
public interface RecordStore {

    /** What {@link #createKeyring} did. */
    enum KeyringCreation { CREATED, ALREADY_ENROLLED, REFUSED_ERASED }

    /**
     * Creates the keyring, unless the resident already has one or, for a {@link KeyringStart#FIRST_RECORD},
     * an erasure of the resident is on record; then it changes nothing and says why.
     */
    KeyringCreation createKeyring(ResidentId resident, KeyId kek, WrappedKey firstDataKey, KeyringStart start);

    Optional<Keyring> keyring(ResidentId resident);

    /** Replaces wrapped data keys after a rewrap; the generations must already exist. */
    void replaceWrappedKeys(ResidentId resident, Map<Integer, WrappedKey> rewrapped);

    /**
     * Appends a new version of each record in one transaction, with the resident's writes
     * serialised so that concurrent writers lose no update. {@code seal} turns each binding
     * into its envelope. If {@code expected} is given for a record, it must be current.
     */
    List<StoredRecord> append(ResidentId resident, List<PendingRecord> records, Function<SealRequest, byte[]> seal);

    Optional<EncryptedRecord> find(ResidentId resident, RecordId record, Optional<RecordVersion> version);

    List<StoredRecord> listCurrent(ResidentId resident);

    /** Every current version of the resident's records, envelopes included, in one query. */
    List<EncryptedRecord> findAllCurrent(ResidentId resident);

    /** Removes the resident's keyring, data keys and records; returns the record versions removed. */
    int deleteResident(ResidentId resident);

    /** Records the erasure (ids only); of several erasures of one resident, the latest is kept. */
    void rememberErasure(ErasedResident erasure);

    /** The resident's latest erasure, if they were ever erased. */
    Optional<ErasedResident> erasure(ResidentId resident);

    /** The key-encryption key of every keyring (to check at start-up that the key store holds them). */
    List<KeyId> keyringKeys();
}
