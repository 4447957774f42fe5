package org.azukari.fhir.release;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.hl7.fhir.r4.model.Patient;

/**
 * A clinic exchanges a resident's one-time share code for the resident's pseudonym at that
 * clinic: the pair is remembered (so the clinic's later requests resolve), and when no consent
 * yet lets the clinic see anything for its purpose, a consent request is filed for the
 * resident. Unknown, used and expired codes all get the same 404.
 */
public final class ShareCodeExchange {

    private final ShareCodes codes;
    private final Release.Introductions introductions;
    private final ConsentDecisionPoint decisions;
    private final ConsentRequests requests;
    private final AccessLog accessLog;
    private final Clock clock;

    public ShareCodeExchange(ShareCodes codes, Release.Introductions introductions, ConsentDecisionPoint decisions,
                             ConsentRequests requests, AccessLog accessLog, Clock clock) {
        this.codes = codes;
        this.introductions = introductions;
        this.decisions = decisions;
        this.requests = requests;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    /** A Patient with only the clinic's pseudonymous id; what it may see comes with the reads. */
    public Patient exchange(ReleaseCaller caller, String code) {
        ResidentId resident = codes.redeem(code).orElseThrow(() ->
                new ReleaseRefusedException(404, "FG-0711", "no such share code, or it was used or has expired"));
        RecipientPseudonym pseudonym = introductions.pseudonyms().of(caller.organisation(), resident);
        introductions.directory().remember(caller.organisation(), pseudonym, resident);
        boolean permitted;
        try {
            permitted = decisions.decide(new ConsentDecisionPoint.Question(caller.recipient(), caller.purpose(), resident,
                    Set.of(ConsentCategory.all(DataCategory.MEDICAL), ConsentCategory.all(DataCategory.CARE),
                            ConsentCategory.all(DataCategory.PAYMENT)), clock.instant())).permit();
        } catch (ConsentUnavailableException e) {
            permitted = false;
        }
        if (!permitted) {
            requests.fileRequest(resident, caller.recipient(), caller.purpose());
        }
        try {
            accessLog.append(new AccessLogEntry(caller.actor(), Optional.of(resident), AccessAction.READ, new TreeMap<>(),
                    Set.of(), Optional.of(caller.purpose()), Set.of(), AccessDecision.PERMIT,
                    permitted ? "share-code-exchanged" : "share-code-consent-requested", caller.requestId()));
        } catch (AccessLogUnavailableException e) {
            throw new ReleaseRefusedException(503, "FG-0706", "the access log is unavailable; try again later");
        }
        Patient patient = new Patient();
        patient.setId("Patient/" + pseudonym.value());
        return patient;
    }
}
