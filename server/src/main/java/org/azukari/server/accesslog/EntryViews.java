package org.azukari.server.accesslog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;

/**
 * Access-log entries as JSON. A resident sees who did what with their data, when, why and
 * with which outcome, break-glass flagged ({@code emergency}); an auditor also sees the resident
 * id, the account an operator acted on, and the chain position.
 */
final class EntryViews {

    private EntryViews() {
    }

    static Map<String, Object> forResident(LoggedEntry logged) {
        AccessLogEntry entry = logged.entry();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", logged.at().toString());
        view.put("action", entry.action());
        view.put("actorKind", entry.actor().kind().name());
        entry.actor().organisation().ifPresent(organisation -> view.put("organisation", organisation));
        view.put("resourceCounts", entry.resourceCounts());
        view.put("categories", entry.categories());
        view.put("purpose", entry.purpose().map(Purpose::code).orElse(null));
        view.put("decision", entry.decision());
        view.put("reason", entry.reason());
        view.put("emergency", entry.emergency());
        return view;
    }

    static Map<String, Object> forAuditor(LoggedEntry logged) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", logged.sequence());
        view.put("entryId", logged.entryId().toString());
        view.putAll(forResident(logged));
        AccessLogEntry entry = logged.entry();
        view.put("actorId", entry.actor().id());
        entry.actor().client().ifPresent(client -> view.put("client", client));
        entry.resident().ifPresent(resident -> view.put("resident", resident.toString()));
        entry.subject().ifPresent(subject -> view.put("subject", subject));
        view.put("consents", entry.consents());
        view.put("requestId", entry.requestId());
        view.put("hash", logged.hash());
        return view;
    }
}
