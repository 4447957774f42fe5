package org.azukari.trustbank.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.ErasureReceipt;
import org.azukari.trustbank.api.ResidentNotEnrolledException;
import org.azukari.trustbank.keys.DataKeyCache;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.records.ErasedResident;
import org.azukari.trustbank.records.Keyring;
import org.azukari.trustbank.records.RecordStore;

/**
 * Crypto-shredding. The erasure is written to the access log first (if it cannot be, nothing
 * is erased). Then the key-encryption key is destroyed: from that moment every copy
 * of the resident's ciphertext, in the database, a dump or a backup, is unreadable, and
 * everything after it (ledger, row removal) only tidies up and may be retried. Each step is
 * idempotent, so a failed erasure is finished by asking again, or by {@link #reapplyLedger()}.
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
        Keyring keyring = store.keyring(resident)
                .orElseThrow(() -> new ResidentNotEnrolledException("resident " + resident + " has no keyring"));
        ErasedResident erasure = new ErasedResident(resident, keyring.kek(),
                Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        journal.beforeErasing(resident, "resident-request");
        try {
            vault.destroy(keyring.kek());
        } catch (RuntimeException e) {
            journal.erasureFailed(resident);
            throw e;
        }
        cache.forget(resident);
        journal.erased(erasure);
        int removed = store.deleteResident(resident);
        store.rememberErasure(erasure);
        return new ErasureReceipt(resident, erasure.erasedAt(), removed);
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
            vault.destroy(erasure.kek());
            Optional<Keyring> restored = store.keyring(erasure.resident());
            if (restored.isPresent() && restored.get().kek().equals(erasure.kek())) {
                journal.beforeErasing(erasure.resident(), "erasure-reapplied");
                cache.forget(erasure.resident());
                store.deleteResident(erasure.resident());
                reapplied++;
            }
            store.rememberErasure(erasure);
        }
        return reapplied;
    }
}
