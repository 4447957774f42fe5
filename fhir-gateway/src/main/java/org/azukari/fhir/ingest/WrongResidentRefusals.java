package org.azukari.fhir.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.AccessCounts;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * An input refused because it would have put a record with the wrong resident (FG-0309: it
 * names more than one; FG-0313: its resource is another resident's already) is recorded in the
 * access log: one {@code INGEST} entry with decision {@code DENY} per resident concerned, with
 * the source, the resource types and counts, the reason code and the request id. The operator
 * sees which residents' enrolment links to look at; each resident sees that an input naming
 * them was refused. Written in a transaction of its own (the ingest's rolled back); when the
 * log cannot take it the source is told 503 (FG-0502) and sends again, so that no such refusal
 * goes unrecorded.
 */
final class WrongResidentRefusals {

    static final String AMBIGUOUS = "ambiguous-resident";
    static final String HELD_FOR_ANOTHER = "held-for-another-resident";

    private final AccessLog accessLog;
    private final IngestTransactions transactions;

    WrongResidentRefusals(AccessLog accessLog, IngestTransactions transactions) {
        this.accessLog = accessLog;
        this.transactions = transactions;
    }

    /** The residents among these custodies, in order; a source's directory belongs to none. */
    static Set<ResidentId> residents(Custody... custodies) {
        Set<ResidentId> residents = new LinkedHashSet<>();
        for (Custody custody : custodies) {
            if (!custody.directory()) {
                residents.add(custody.id());
            }
        }
        return residents;
    }

    void record(IngestSource source, List<IngestEntry> entries, IngestRefusedException refused, String requestId) {
        if (refused.residentsConcerned().isEmpty()) {
            return;
        }
        String reason = refused.errorCode() == FhirGatewayError.FG_0309 ? AMBIGUOUS : HELD_FOR_ANOTHER;
        AccessCounts counts = AccessCounts.none();
        entries.forEach(entry -> counts.add(entry.type()));
        List<AccessLogEntry> denied = new ArrayList<>();
        for (ResidentId resident : refused.residentsConcerned()) {
            denied.add(AccessLogEntry.ingest(BankIngest.actor(source), Optional.of(resident), counts,
                    AccessDecision.DENY, reason, requestId));
        }
        try {
            transactions.inOne(() -> accessLog.appendAll(denied));
        } catch (AccessLogUnavailableException e) {
            throw IngestProblems.refuse(IngestProblems.UNAVAILABLE, FhirGatewayError.FG_0502, IssueType.TRANSIENT,
                    "the access log is unavailable; nothing was stored, send it again later");
        }
    }
}
