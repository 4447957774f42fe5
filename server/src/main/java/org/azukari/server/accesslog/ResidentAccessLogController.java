package org.azukari.server.accesslog;

import java.util.List;
import java.util.Map;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.fhir.api.AuditEvents;
import org.azukari.identity.api.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a resident sees of the access log: every entry about their own data, newest first.
 * The resident is taken from the signed-in subject, never from the request, so there is no
 * other resident to ask about.
 */
@RestController
class ResidentAccessLogController {

    private final AccessLogSearch search;

    ResidentAccessLogController(AccessLogSearch search) {
        this.search = search;
    }

    @GetMapping(path = "/portal/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> ownEntries() {
        return ownLoggedEntries().stream().map(EntryViews::forResident).toList();
    }

    /** The same as FHIR AuditEvent resources; the resident's internal id is never shown. */
    @GetMapping(path = "/portal/fhir/AuditEvent", produces = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    String ownAuditEvents() {
        return AuditEvents.searchsetJson(ownLoggedEntries(), AuditEvents.Audience.RESIDENT_SELF);
    }

    private List<LoggedEntry> ownLoggedEntries() {
        Caller caller = (Caller) SecurityUtils.getSubject().getPrincipal();
        return caller.resident().map(resident -> search.search(AccessLogQuery.forResident(resident))).orElse(List.of());
    }
}
