package org.azukari.server.accesslog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.VerificationHistory;
import org.azukari.fhir.mapping.AuditEvents;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.ClientId;
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

    /**
     * The console's search as JSON, newest first; the next (older) page is the same request with
     * {@code before=} the last entry's {@code sequence}. Offset paging is refused (AL-0006) rather
     * than ignored, so that a client written for it cannot loop over the first page.
     */
    @GetMapping("/entries")
    List<Map<String, Object>> entries(@RequestParam Optional<String> resident, @RequestParam Optional<String> actor,
                                      @RequestParam Optional<String> organisation, @RequestParam Optional<String> client,
                                      @RequestParam Optional<String> purpose, @RequestParam Optional<String> from,
                                      @RequestParam Optional<String> to, @RequestParam Optional<AccessAction> action,
                                      @RequestParam Optional<AccessDecision> decision,
                                      @RequestParam Optional<Boolean> emergency,
                                      @RequestParam Optional<String> request, @RequestParam Optional<Long> before,
                                      @RequestParam Optional<String> offset,
                                      @RequestParam(defaultValue = "100") int limit) {
        refuseOffset(offset);
        AccessLogQuery query = AccessLogQuery.builder().resident(resident.map(ResidentId::parse)).actorId(actor)
                .organisation(organisation).client(client.map(c -> new ClientId(c).value()))
                .purpose(purpose.map(Purpose::new)).from(from.map(AuditController::instant))
                .to(to.map(AuditController::instant)).action(action).decision(decision).emergency(emergency)
                .requestId(request).before(before).limit(limit).build();
        return search.search(query).stream().map(EntryViews::forAuditor).toList();
    }

    /** The same search as FHIR AuditEvent resources (IHE BALP shapes), for an auditor's FHIR tooling. */
    @GetMapping(path = "/fhir/AuditEvent", produces = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    String auditEvents(@RequestParam Optional<String> patient, @RequestParam Optional<String> agent,
                       @RequestParam Optional<String> purpose, @RequestParam Optional<AccessDecision> decision,
                       @RequestParam Optional<Long> before, @RequestParam Optional<String> offset,
                       @RequestParam(defaultValue = "100") int limit) {
        refuseOffset(offset);
        AccessLogQuery query = AccessLogQuery.builder().resident(patient.map(ResidentId::parse)).actorId(agent)
                .purpose(purpose.map(Purpose::new)).decision(decision).before(before).limit(limit).build();
        return AuditEvents.searchsetJson(search.search(query), AuditEvents.Audience.AUDITOR);
    }

    private static void refuseOffset(Optional<String> offset) {
        if (offset.isPresent()) {
            throw new BadInputException(FhirGatewayError.AL_0006, "the access log pages with before=<sequence>, not offset");
        }
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException(FhirGatewayError.AL_0001, "times are ISO-8601 instants, e.g. 2026-11-26T00:00:00Z");
        }
    }

}
