package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.UNAVAILABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessCounts;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source that still sends records about a resident who erased their data is refused
 * ({@code FG-0315}), and the refusal is written down where it can be followed up: an access-log
 * entry (action {@code INGEST}, decision {@code DENY}, reason {@code resident-erased}, the source
 * as actor, the kinds and counts of what was refused; auditors search it, the resident sees it)
 * and a warning in the bank's log for the operator (organisation and request id, no resident).
 * A refusal that cannot be logged is not given: the source is told 503 ({@code FG-0502}) and
 * tries again.
 */
final class ErasedRefusals {

    static final String REASON = "resident-erased";
    private static final Logger log = LoggerFactory.getLogger(ErasedRefusals.class);

    /** One refused resource: its type and data category. */
    record Refused(String type, DataCategory category) {
    }

    private ErasedRefusals() {
    }

    static void record(AccessLog accessLog, AccessActor actor, Custody custody, List<Refused> refused,
                       OrganisationId source, String requestId) {
        AccessCounts counts = AccessCounts.none();
        refused.forEach(one -> counts.add(one.type(), one.category()));
        try {
            accessLog.append(AccessLogEntry.ingest(actor, Optional.of(custody.id()), counts, AccessDecision.DENY,
                    REASON, requestId));
        } catch (AccessLogUnavailableException e) {
            throw refuse(UNAVAILABLE, FhirGatewayError.FG_0502, IssueType.TRANSIENT,
                    "the access log is unavailable; nothing was stored, send it again later");
        }
        log.warn("FG-0315 ingest of {} resources from organisation {} refused: the resident erased their data"
                + " (request {})", refused.size(), source.value(), requestId);
    }
}
