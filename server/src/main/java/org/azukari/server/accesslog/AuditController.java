package org.azukari.server.accesslog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.VerificationHistory;
import org.azukari.fhir.api.AuditEvents;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's view of the access log (auditors only, by the filter chain): search across
 * everyone, and verify the hash chain and its signed checkpoints.
 */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private final AccessLogSearch search;
    private final VerificationHistory verifications;

    AuditController(AccessLogSearch search, VerificationHistory verifications) {
        this.search = search;
        this.verifications = verifications;
    }

    /** Verifies and records the run in the history ({@code recorded: false} when it could not be, CP-0170). */
    @GetMapping("/verify")
    Map<String, Object> verify() {
        return VerificationViews.run(verifications.verify(VerificationViews.auditor()));
    }

    /** The history of verifications, newest first. */
    @GetMapping("/verifications")
    List<Map<String, Object>> verifications(@RequestParam Optional<Long> before,
                                            @RequestParam(defaultValue = "50") int limit) {
        return verifications.newestFirst(before, limit).stream().map(VerificationViews::recorded).toList();
    }

    @GetMapping("/entries")
    List<Map<String, Object>> entries(@RequestParam Optional<String> resident, @RequestParam Optional<String> actor,
                                      @RequestParam Optional<String> organisation, @RequestParam Optional<String> purpose,
                                      @RequestParam Optional<String> from, @RequestParam Optional<String> to,
                                      @RequestParam Optional<AccessDecision> decision,
                                      @RequestParam(defaultValue = "0") int offset,
                                      @RequestParam(defaultValue = "100") int limit) {
        AccessLogQuery query = new AccessLogQuery(resident.map(ResidentId::parse), actor, organisation,
                purpose.map(Purpose::new), from.map(AuditController::instant), to.map(AuditController::instant), decision,
                offset, limit);
        return search.search(query).stream().map(EntryViews::forAuditor).toList();
    }

    /** The same search as FHIR AuditEvent resources (IHE BALP shapes), for an auditor's FHIR tooling. */
    @GetMapping(path = "/fhir/AuditEvent", produces = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    String auditEvents(@RequestParam Optional<String> patient, @RequestParam Optional<String> agent,
                       @RequestParam Optional<String> purpose, @RequestParam Optional<AccessDecision> decision,
                       @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        AccessLogQuery query = new AccessLogQuery(patient.map(ResidentId::parse), agent, Optional.empty(),
                purpose.map(Purpose::new), Optional.empty(), Optional.empty(), decision, offset, limit);
        return AuditEvents.searchsetJson(search.search(query), AuditEvents.Audience.AUDITOR);
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("AL-0001 times are ISO-8601 instants, e.g. 2026-11-26T00:00:00Z");
        }
    }

}
