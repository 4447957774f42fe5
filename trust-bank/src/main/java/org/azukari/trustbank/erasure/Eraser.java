package org.azukari.trustbank.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.ErasureReceipt;
import org.azukari.trustbank.keys.DataKeyCache;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.records.ErasedResident;
import org.azukari.trustbank.records.Keyring;
import org.azukari.trustbank.records.RecordStore;

/**
 * Crypto-shredding. The erasure is written to the access log first, then to the erasure ledger
 * (if either cannot take it, nothing is erased: a ledger that cannot be written is
 * {@code TB-0431}). Only then is the key-encryption key destroyed: from that moment every copy
 * of the resident's ciphertext, in the database, a dump or a backup, is unreadable, and
 * everything after it (row removal) only tidies up. The ledger line comes first so that no
 * moment exists at which the key is gone and nothing outside the database says so: an erasure
 * interrupted after it (the bank killed, the vault failing or timing out after it may have acted)
 * is finished at the next start by {@link #reapplyLedger()}, or by asking again. Each step is
 * idempotent.
 * A resident without custody (no record ever arrived) is erased all the same: there is no key to
 * destroy, but the erasure is written down, so that no record arriving later starts one.
 */
public final class Eraser {

    private final RecordStore store;
    private final KeyVault vault;
    private final DataKeyCache cache;
    private final ErasureJournal journal;
    private final Clock clock;

    public Eraser(RecordStore store, KeyVault vault, DataKeyCache cache, ErasureJournal journal, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.cache = cache;
        this.journal = journal;
        this.clock = clock;
    }

    public ErasureReceipt erase(ResidentId resident) {
        Optional<Keyring> keyring = store.keyring(resident);
        if (keyring.isEmpty()) {
            Optional<ErasedResident> earlier = store.erasure(resident);
            if (earlier.isPresent()) {
                return new ErasureReceipt(resident, earlier.get().erasedAt(), 0);
            }
        }
        ErasedResident erasure = new ErasedResident(resident, keyring.map(Keyring::kek),
                Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        journal.beforeErasing(resident, "resident-request");
        try {
            // the write-ahead record: from here the erasure is finished even if the bank dies
            journal.erased(erasure);
            if (keyring.isPresent()) {
                vault.destroy(keyring.get().kek());
            }
        } catch (RuntimeException e) {
            journal.erasureFailed(resident);
            throw e;
        }
        cache.forget(resident);
        // remembered before the rows go, so that no record arriving in between starts a custody
        store.rememberErasure(erasure);
        if (keyring.isEmpty()) {
            // a first record may have started a custody since we looked: erase that one too
            return store.keyring(resident).isPresent() ? erase(resident)
                    : new ErasureReceipt(resident, erasure.erasedAt(), 0);
        }
        return new ErasureReceipt(resident, erasure.erasedAt(), store.deleteResident(resident));
    }

    /**
     * Whether an erasure of the resident destroyed {@code kek}: the database's record of erasures
     * first, then the ledger, which is what survives a restored database. Asked only when the vault
     * says a key does not exist, to tell an erasure from a lost key.
     */
    public boolean destroyed(ResidentId resident, KeyId kek) {
        return store.erasure(resident).filter(erasure -> erasure.destroyed(kek)).isPresent()
                || journal.entries().stream().anyMatch(e -> e.resident().equals(resident) && e.destroyed(kek));
    }

    /**
     * Re-applies every erasure in the ledger: run at start-up, so that a database restored
     * from a backup older than an erasure loses that resident's rows again. A resident who
     * enrolled again after their erasure has a new key id and is left alone.
     *
     * @return how many residents' rows were removed again
     */
    public int reapplyLedger() {
        int reapplied = 0;
        for (ErasedResident erasure : journal.entries()) {
            erasure.kek().ifPresent(vault::destroy);
            store.rememberErasure(erasure);
            Optional<Keyring> restored = store.keyring(erasure.resident());
            if (restored.isPresent() && erasure.destroyed(restored.get().kek())) {
                journal.beforeErasing(erasure.resident(), "erasure-reapplied");
                cache.forget(erasure.resident());
                store.deleteResident(erasure.resident());
                reapplied++;
            }
        }
        return reapplied;
    }
}
