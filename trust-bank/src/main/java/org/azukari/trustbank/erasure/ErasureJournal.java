package org.azukari.trustbank.erasure;

import java.util.List;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.records.ErasedResident;

/**
 * Where erasures are written down, both before anything is destroyed: the access log (what
 * residents and auditors read), so that an erasure the log cannot record does not happen; and the
 * erasure ledger (ids only, outside the database), the erasure's write-ahead record.
 */
public final class ErasureJournal {

    private final ErasureLedger ledger;
    private final AccessLog accessLog;

    public ErasureJournal(ErasureLedger ledger, AccessLog accessLog) {
        this.ledger = ledger;
        this.accessLog = accessLog;
    }

    /** Records that the resident's data is about to be erased; throws (and nothing is erased) if it cannot. */
    void beforeErasing(ResidentId resident, String reason) {
        accessLog.append(entry(resident, AccessDecision.PERMIT, reason));
    }

    /** Best effort after a failed erasure: the log should say it did not complete. */
    void erasureFailed(ResidentId resident) {
        try {
            accessLog.append(entry(resident, AccessDecision.DENY, "erasure-failed"));
        } catch (RuntimeException ignored) {
            // the erasure's own failure is what the caller sees
        }
    }

    void erased(ErasedResident erasure) {
        ledger.append(erasure);
    }

    List<ErasedResident> entries() {
        return ledger.entries();
    }

    private static AccessLogEntry entry(ResidentId resident, AccessDecision decision, String reason) {
        return AccessLogEntry.erasure(resident, decision, reason);
    }
}
