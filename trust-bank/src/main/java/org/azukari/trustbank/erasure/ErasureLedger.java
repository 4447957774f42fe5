package org.azukari.trustbank.erasure;

import java.util.List;
import org.azukari.trustbank.records.ErasedResident;

/**
 * The memory of erasures, kept apart from the database so that restoring an older database
 * backup cannot bring an erased resident back: on start-up the bank re-applies every entry.
 * Ids and times only.
 */
public interface ErasureLedger {

    /**
     * Durably appends the entry before the resident's key is destroyed; fails
     * ({@link org.azukari.trustbank.api.ErasureLedgerUnavailableException}) rather than lose it.
     */
    void append(ErasedResident erasure);

    List<ErasedResident> entries();
}
