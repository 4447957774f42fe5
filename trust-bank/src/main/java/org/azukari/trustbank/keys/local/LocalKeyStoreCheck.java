package org.azukari.trustbank.keys.local;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.keys.KeyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local key store checked against the database before the bank takes requests. The keys
 * and the ciphertext they open live apart (the key directory outside the database), so they can
 * be lost apart: a data directory restored without its {@code keys}, a volume not mounted, a
 * wrong {@code key-directory}. Starting over with an empty directory would hide that loss behind
 * answers that blame the residents' own erasure, or mix new keys into a store that lost the old.
 *
 * <p>So: a missing directory is made only for a bank whose database holds no keyring that an
 * erasure has not already destroyed; otherwise the start is refused ({@code TB-0417}), as it is
 * when the directory holds none of the keys the keyrings name. Some keys missing while others are
 * there (a partly restored directory, an erasure that stopped half-way) starts the bank with a
 * warning ({@code TB-0418}): those residents' reads answer 503 ({@code TB-0108}) until the key
 * files are back, and everyone else is served.
 */
public final class LocalKeyStoreCheck {

    private static final Logger log = LoggerFactory.getLogger(LocalKeyStoreCheck.class);

    private final LocalKeyDirectory directory;

    public LocalKeyStoreCheck(LocalKeyDirectory directory) {
        this.directory = directory;
    }

    /**
     * Before the erasure ledger is re-applied (which needs the directory).
     *
     * @param keyringKeys the key of every keyring in the database
     * @param erasedKeys  the keys the erasure ledger says were destroyed
     */
    public void beforeLedger(Collection<KeyId> keyringKeys, Set<KeyId> erasedKeys) {
        if (directory.present()) {
            return;
        }
        long live = keyringKeys.stream().filter(key -> !erasedKeys.contains(key)).count();
        if (live > 0) {
            throw refusal("is missing", live);
        }
        directory.createEmpty();
        log.info("TB-0419 created the empty local key directory {} (the database holds no keyring)",
                directory.path().toAbsolutePath());
    }

    /** After the ledger is re-applied: the keyrings left must find their keys. */
    public void afterLedger(List<KeyId> keyringKeys) {
        if (keyringKeys.isEmpty()) {
            return;
        }
        long missing = keyringKeys.stream().filter(key -> !directory.exists(key)).count();
        if (missing == keyringKeys.size()) {
            throw refusal("holds none of their keys", keyringKeys.size());
        }
        if (missing > 0) {
            log.warn("TB-0418 the local key directory {} lacks the keys of {} of {} keyrings; those residents' records"
                    + " answer 503 (TB-0108) until the key files are restored", directory.path().toAbsolutePath(),
                    missing, keyringKeys.size());
        }
    }

    private IllegalStateException refusal(String what, long keyrings) {
        return new BadStateException(TrustBankError.TB_0417, "the local key directory " + directory.path().toAbsolutePath() + " "
                + what + ", but the database holds " + keyrings + " residents' keyrings: restore the key directory"
                + " from the backup taken with the database (or set azukari.trust-bank.key-vault.local.key-directory"
                + " to where it is). The bank does not start over with an empty key store.");
    }
}
