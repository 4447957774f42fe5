package org.azukari.fhir.release;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessCounts;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.Patient;

/**
 * A clinic exchanges a resident's one-time share code for the resident's pseudonym at that
 * clinic: the pair is remembered (so the clinic's later requests resolve), and when no consent
 * yet lets the clinic see anything for its purpose, a consent request is filed for the
 * resident. Unknown, used and expired codes all get the same 404.
 *
 * <p>Everything that can fail is asked before anything changes, and the changes — the code used
 * up, the pair remembered, the request filed, the access-log entry — are one transaction: when
 * the consent store or the access log is down the clinic gets 503 and the code still works.
 */
public final class ShareCodeExchange {

    private final ShareCodes codes;
    private final Release.Introductions introductions;
    private final ConsentDecisionPoint decisions;
    private final ConsentRequests requests;
    private final AccessLog accessLog;
    private final ReleaseTransactions transactions;
    private final Clock clock;

    /** The seams it writes through. */
    public record Writes(ConsentRequests requests, AccessLog accessLog, ReleaseTransactions transactions) {
    }

    public ShareCodeExchange(ShareCodes codes, Release.Introductions introductions, ConsentDecisionPoint decisions,
                             Writes writes, Clock clock) {
        this.codes = codes;
        this.introductions = introductions;
        this.decisions = decisions;
        this.requests = writes.requests();
        this.accessLog = writes.accessLog();
        this.transactions = writes.transactions();
        this.clock = clock;
    }

    /** A Patient with only the clinic's pseudonymous id; what it may see comes with the reads. */
    public Patient exchange(ReleaseCaller caller, String code) {
        ResidentId resident = codes.holder(code).orElseThrow(ShareCodeExchange::unknownCode);
        boolean permitted = permitted(caller, resident);
        RecipientPseudonym pseudonym = introductions.pseudonyms().of(caller.organisation(), resident);
        transactions.inOne(() -> {
            if (!codes.redeem(code).filter(resident::equals).isPresent()) {
                throw unknownCode(); // used by a concurrent exchange since it was looked up
            }
            introductions.directory().remember(caller.organisation(), pseudonym, resident);
            if (!permitted) {
                fileRequest(caller, resident);
            }
            log(caller, resident, permitted);
            return null;
        });
        Patient patient = new Patient();
        patient.setId("Patient/" + pseudonym.value());
        return patient;
    }

    private boolean permitted(ReleaseCaller caller, ResidentId resident) {
        try {
            return decisions.decide(new ConsentDecisionPoint.Question(caller.recipient(), caller.purpose(), resident,
                    Set.of(ConsentCategory.all(DataCategory.MEDICAL), ConsentCategory.all(DataCategory.CARE),
                            ConsentCategory.all(DataCategory.PAYMENT)), clock.instant())).permit();
        } catch (ConsentUnavailableException e) {
            throw consentsUnavailable();
        }
    }

    private void fileRequest(ReleaseCaller caller, ResidentId resident) {
        try {
            requests.fileRequest(resident, caller.recipient(), caller.purpose());
        } catch (ConsentUnavailableException e) {
            throw consentsUnavailable();
        }
    }

    private void log(ReleaseCaller caller, ResidentId resident, boolean permitted) {
        try {
            accessLog.appendAll(List.of(AccessLogEntry.release(caller.actor(), resident, AccessAction.READ,
                    AccessCounts.none(), caller.purpose(), Set.of(), AccessDecision.PERMIT,
                    permitted ? "share-code-exchanged" : "share-code-consent-requested", caller.requestId())));
        } catch (AccessLogUnavailableException e) {
            throw new ReleaseRefusedException(503, FhirGatewayError.FG_0706, "the access log is unavailable; the share code is unused");
        }
    }

    private static ReleaseRefusedException unknownCode() {
        return new ReleaseRefusedException(404, FhirGatewayError.FG_0711, "no such share code, or it was used or has expired");
    }

    private static ReleaseRefusedException consentsUnavailable() {
        return new ReleaseRefusedException(503, FhirGatewayError.FG_0703, "consents cannot be read now; the share code is unused");
    }
}
