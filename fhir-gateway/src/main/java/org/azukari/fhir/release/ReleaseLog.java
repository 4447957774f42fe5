package org.azukari.fhir.release;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessCounts;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.AuditEvents;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.trustbank.api.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A release's access-log entries. One entry per request, written before anything is decrypted:
 * the decision and the records about to be decrypted. The entry cannot be taken back (the log is
 * a hash chain), so when the release fails after it — a key-vault fault, a receipt that cannot be
 * signed or kept, a bug — a second entry with the same request id says so ({@value #FAILED}: the
 * decision stands, nothing was sent). Without it the resident would read a failed request as a
 * release.
 */
final class ReleaseLog {

    /** The reason code of the entry that follows a logged release that then failed. */
    static final String FAILED = AuditEvents.RELEASE_FAILED;

    private static final Logger log = LoggerFactory.getLogger(ReleaseLog.class);

    private final AccessLog accessLog;

    ReleaseLog(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    /** Written before anything is decrypted; if it cannot be written, nothing is (fail closed, 503 FG-0706). */
    void beforeDecrypting(ReleaseCaller caller, ResidentId resident, AccessAction action, Decision decision,
                          List<StoredRecord> opened) {
        AccessCounts counts = AccessCounts.none();
        opened.forEach(record -> counts.add(record.type().value(), record.category()));
        append(AccessLogEntry.release(caller.actor(), resident, action, counts, caller.purpose(),
                ids(decision.reliedOn()), decision.permit() ? AccessDecision.PERMIT : AccessDecision.DENY,
                decision.reasonCode(), caller.requestId()));
    }

    /**
     * After {@link #beforeDecrypting}, when the release failed and nothing was sent. Best effort: if
     * the log cannot take this entry either, the request is still answered with its own error, and
     * the application log names the request (FG-0717).
     */
    void failed(ReleaseCaller caller, ResidentId resident, AccessAction action, List<ConsentVersionRef> reliedOn) {
        try {
            append(AccessLogEntry.release(caller.actor(), resident, action, AccessCounts.none(), caller.purpose(),
                    ids(reliedOn), AccessDecision.PERMIT, FAILED, caller.requestId()));
        } catch (ReleaseRefusedException logDown) {
            log.warn("FG-0717 release request {} failed and the failure could not be recorded in the access log",
                    caller.requestId());
        }
    }

    private void append(AccessLogEntry entry) {
        try {
            accessLog.append(entry);
        } catch (AccessLogUnavailableException e) {
            throw new ReleaseRefusedException(503, FhirGatewayError.FG_0706, "the access log is unavailable; nothing was released");
        }
    }

    private static Set<String> ids(List<ConsentVersionRef> reliedOn) {
        Set<String> consents = new HashSet<>();
        reliedOn.forEach(ref -> consents.add(ref.id()));
        return consents;
    }
}
