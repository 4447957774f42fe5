package org.azukari.server.accesslog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.AuditEvents;
import org.azukari.identity.api.Caller;
import org.azukari.ui.portal.activity.ResidentActivity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a resident sees of the access log: every entry about their own data, newest first, each
 * release with the id of its signed receipt ({@code receipt}, the same id as in
 * {@code /portal/api/receipts}). The resident is taken from the signed-in subject, never from the
 * request, so there is no other resident to ask about.
 */
@RestController
class ResidentAccessLogController {

    private final ResidentActivity activity;

    ResidentAccessLogController(ResidentActivity activity) {
        this.activity = activity;
    }

    @GetMapping(path = "/portal/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> ownEntries() {
        return ownResident().map(activity::entries).orElse(List.of()).stream().map(entry -> {
            Map<String, Object> view = new LinkedHashMap<>(EntryViews.forResident(entry.logged()));
            entry.receipt().ifPresent(receipt -> view.put("receipt", receipt));
            entry.dataset().ifPresent(dataset -> {
                view.put("dataset", dataset.id().value());
                view.put("datasetTitle", dataset.spec().title());
            });
            return view;
        }).toList();
    }

    private static Optional<ResidentId> ownResident() {
        return ((Caller) SecurityUtils.getSubject().getPrincipal()).resident();
    }

    /** The same as FHIR AuditEvent resources; the resident's internal id is never shown. */
    @GetMapping(path = "/portal/fhir/AuditEvent", produces = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    String ownAuditEvents() {
        return AuditEvents.searchsetJson(ownResident().map(activity::logged).orElse(List.of()),
                AuditEvents.Audience.RESIDENT_SELF);
    }
}
