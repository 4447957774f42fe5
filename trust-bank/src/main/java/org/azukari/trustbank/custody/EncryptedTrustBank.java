package org.azukari.trustbank.custody;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.DecryptedRecord;
import org.azukari.trustbank.api.ErasureReceipt;
import org.azukari.trustbank.api.InvalidRecordException;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.envelope.RecordBinding;
import org.azukari.trustbank.envelope.RecordEnvelope;
import org.azukari.trustbank.erasure.Eraser;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.DataKeyCache;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.WrappedKey;
import org.azukari.trustbank.records.EncryptedRecord;
import org.azukari.trustbank.records.Keyring;
import org.azukari.trustbank.records.KeyringStart;
import org.azukari.trustbank.records.PendingRecord;
import org.azukari.trustbank.records.RecordStore;
import java.util.concurrent.atomic.LongAdder;
import org.azukari.trustbank.api.SealingStatistics;

/**
 * The trust bank: envelope encryption of every record under the resident's data key, whose
 * wrapped form sits in their keyring and whose key-encryption key sits in the vault.
 */
public final class EncryptedTrustBank implements TrustBank, SealingStatistics {

    /** Records in one call; a FHIR bundle larger than this is split by the gateway. */
    public static final int MAX_BATCH = 10_000;

    private final RecordStore store;
    private final KeyVault vault;
    private final DataKeyCache cache;
    private final Eraser eraser;
    private final Enrolments enrolments;
    private final LongAdder sealedRecords = new LongAdder();
    private final LongAdder sealingNanos = new LongAdder();

    public EncryptedTrustBank(RecordStore store, KeyVault vault, DataKeyCache cache, Eraser eraser) {
        this.store = store;
        this.vault = vault;
        this.cache = cache;
        this.eraser = eraser;
        this.enrolments = new Enrolments(store, vault);
    }

    @Override
    public long sealedRecords() {
        return sealedRecords.sum();
    }

    @Override
    public long sealingNanos() {
        return sealingNanos.sum();
    }

    @Override
    public void enrol(ResidentId resident) {
        enrolments.start(resident, KeyringStart.FIRST_RECORD);
    }

    @Override
    public void enrolAnew(ResidentId resident) {
        enrolments.start(resident, KeyringStart.NEW_ENROLMENT);
    }

    @Override
    public Enrolment enrolment(ResidentId resident) {
        return enrolments.enrolment(resident);
    }

    @Override
    public boolean isEnrolled(ResidentId resident) {
        return store.keyring(resident).isPresent();
    }

    @Override
    public List<StoredRecord> storeAll(ResidentId resident, List<RecordToStore> records) {
        return append(resident, records, Optional.empty());
    }

    @Override
    public StoredRecord storeIfCurrent(ResidentId resident, RecordToStore record, RecordVersion expected) {
        return append(resident, List.of(record), Optional.of(expected)).get(0);
    }

    private List<StoredRecord> append(ResidentId resident, List<RecordToStore> records, Optional<RecordVersion> expected) {
        if (records.isEmpty() || records.size() > MAX_BATCH) {
            throw new InvalidRecordException("a batch holds 1 to " + MAX_BATCH + " records");
        }
        Keyring keyring = store.keyring(resident).orElseThrow(() -> enrolments.withoutKeyring(resident));
        int generation = keyring.currentGeneration();
        DataKey key = dataKey(keyring, generation);
        List<PendingRecord> pending = records.stream()
                .map(r -> new PendingRecord(r.id(), r.type(), r.category(), expected))
                .toList();
        return store.append(resident, pending, seal -> {
            long started = System.nanoTime();
            byte[] envelope = RecordEnvelope.seal(records.get(seal.index()).content(), key, generation, seal.binding());
            sealingNanos.add(System.nanoTime() - started);
            sealedRecords.increment();
            return envelope;
        });
    }

    @Override
    public DecryptedRecord read(ResidentId resident, RecordId record) {
        return decrypt(resident, record, Optional.empty());
    }

    @Override
    public DecryptedRecord read(ResidentId resident, RecordId record, RecordVersion version) {
        return decrypt(resident, record, Optional.of(version));
    }

    private DecryptedRecord decrypt(ResidentId resident, RecordId record, Optional<RecordVersion> version) {
        EncryptedRecord encrypted = store.find(resident, record, version)
                .orElseThrow(() -> new RecordNotFoundException("record " + record + " not found"));
        Keyring keyring = store.keyring(resident)
                .orElseThrow(() -> new RecordNotFoundException("record " + record + " not found"));
        return open(resident, keyring, encrypted);
    }

    private DecryptedRecord open(ResidentId resident, Keyring keyring, EncryptedRecord encrypted) {
        DataKey key = dataKey(keyring, RecordEnvelope.dataKeyGeneration(encrypted.envelope()));
        var metadata = encrypted.metadata();
        RecordBinding binding = new RecordBinding(resident, metadata.id(), metadata.version(), metadata.type());
        return new DecryptedRecord(metadata, RecordEnvelope.open(encrypted.envelope(), key, binding));
    }

    private DataKey dataKey(Keyring keyring, int generation) {
        WrappedKey wrapped = keyring.all().get(generation);
        if (wrapped == null) {
            throw new UnreadableRecordException("record envelope unreadable");
        }
        return withKey(keyring, () -> cache.get(keyring.resident(), generation, wrapped,
                () -> vault.unwrap(keyring.kek(), wrapped, new KeyContext(keyring.resident(), generation))));
    }

    /**
     * Runs a vault call on the resident's key. The vault can only say that a key does not exist;
     * whether that means "destroyed by the resident's erasure" is the erasure record's to say.
     * A key gone with no erasure naming it is a damaged or wrong key store: a fault (503, retry
     * once the key store is restored), never reported as an erasure.
     */
    private <T> T withKey(Keyring keyring, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResidentKeyDestroyedException gone) {
            if (eraser.destroyed(keyring.resident(), keyring.kek())) {
                throw gone;
            }
            throw KeyVaultUnavailableException.keyMissing("key-encryption key " + keyring.kek()
                    + " is missing from the key vault, and no erasure destroyed it", gone);
        }
    }

    @Override
    public List<DecryptedRecord> readAll(ResidentId resident) {
        List<EncryptedRecord> all = store.findAllCurrent(resident);
        if (all.isEmpty()) {
            return List.of();
        }
        Keyring keyring = store.keyring(resident).orElseThrow(() -> new RecordNotFoundException("no records"));
        List<DecryptedRecord> decrypted = new ArrayList<>(all.size());
        for (EncryptedRecord encrypted : all) {
            decrypted.add(open(resident, keyring, encrypted));
        }
        return decrypted;
    }

    @Override
    public List<StoredRecord> list(ResidentId resident) {
        return store.listCurrent(resident);
    }

    @Override
    public ErasureReceipt erase(ResidentId resident) {
        return eraser.erase(resident);
    }

    @Override
    public void rotateKey(ResidentId resident) {
        Keyring keyring = requireKeyring(resident);
        Map<Integer, WrappedKey> rewrapped = new HashMap<>();
        withKey(keyring, () -> {
            vault.rotate(keyring.kek());
            keyring.all().forEach((generation, wrapped) -> rewrapped.put(generation,
                    vault.rewrap(keyring.kek(), wrapped, new KeyContext(resident, generation))));
            return null;
        });
        store.replaceWrappedKeys(resident, rewrapped);
        cache.forget(resident);
    }

    /** Retires only the versions no data key is wrapped under any more, so nothing becomes unreadable. */
    @Override
    public void retireOldKeyVersions(ResidentId resident) {
        Keyring keyring = requireKeyring(resident);
        int oldestInUse = keyring.all().values().stream().mapToInt(WrappedKey::keyVersion).min().orElseThrow();
        withKey(keyring, () -> {
            vault.retireVersionsBelow(keyring.kek(), oldestInUse);
            return null;
        });
    }

    private Keyring requireKeyring(ResidentId resident) {
        return store.keyring(resident).orElseThrow(() -> enrolments.withoutKeyring(resident));
    }
}
