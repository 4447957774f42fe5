package org.azukari.ui.auditor;

import java.util.List;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.ui.operator.Times;

/**
 * One access-log entry as the auditor sees it: what the auditor API shows (codes, ids, counts and
 * times), never a record's contents.
 */
record LogRow(long sequence, String at, String atInstant, String action, String actorKind, String actorId,
              String organisation, String client, String resident, String purpose, String categories,
              String resources, String decision, String reason, boolean emergency, String requestId, String hash) {

    static final List<String> CSV_COLUMNS = List.of("sequence", "time", "action", "actor_kind", "actor_id",
            "organisation", "client", "resident", "purpose", "categories", "resources", "decision", "reason",
            "emergency", "request_id", "hash");

    static LogRow of(LoggedEntry logged) {
        AccessLogEntry entry = logged.entry();
        return new LogRow(logged.sequence(), Times.shown(logged.at()), logged.at().toString(), entry.action().name(),
                entry.actor().kind().name(), entry.actor().id(), entry.actor().organisation().orElse(""),
                entry.actor().client().orElse(""), entry.resident().map(Object::toString).orElse(""),
                entry.purpose().map(Purpose::code).orElse(""),
                entry.categories().stream().map(DataCategory::toString).sorted().collect(Collectors.joining(" ")),
                entry.resourceCounts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")),
                entry.decision().name(), entry.reason(), entry.emergency(), entry.requestId(), logged.hash());
    }

    List<String> csv() {
        return List.of(String.valueOf(sequence), atInstant, action, actorKind, actorId, organisation, client,
                resident, purpose, categories, resources, decision, reason, String.valueOf(emergency), requestId, hash);
    }
}
