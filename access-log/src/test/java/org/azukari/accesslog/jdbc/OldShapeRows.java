package org.azukari.accesslog.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.azukari.accesslog.CanonicalForm;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.LoggedEntry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows as the log wrote them before V20_7: the chain columns and only the first search columns
 * (resident, actor, organisation, purpose, decision), chained like the real log, so that a
 * migration's backfill can be tested on rows it did not write.
 */
final class OldShapeRows {

    private OldShapeRows() {
    }

    static List<LoggedEntry> insert(JdbcTemplate sql, List<AccessLogEntry> entries, Instant time) {
        Instant at = time.truncatedTo(ChronoUnit.MICROS);
        List<LoggedEntry> logged = new ArrayList<>();
        String prev = CanonicalForm.GENESIS;
        for (AccessLogEntry entry : entries) {
            long sequence = logged.size() + 1;
            UUID id = UUID.randomUUID();
            String json = CanonicalForm.entryJson(entry);
            String hash = CanonicalForm.hash(prev, sequence, id, at, json);
            sql.update("INSERT INTO cp_access_log (sequence, entry_id, logged_at, entry_json, prev_hash, hash,"
                            + " resident_id, actor_id, organisation, purpose, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    sequence, id, LogRows.utc(at), json, prev, hash, entry.resident().map(r -> r.value()).orElse(null),
                    entry.actor().id(), entry.actor().organisation().orElse(null),
                    entry.purpose().map(p -> p.code()).orElse(null), entry.decision().name());
            sql.update("UPDATE cp_access_log_head SET sequence = ?, hash = ?, logged_at = ? WHERE id = 1",
                    sequence, hash, LogRows.utc(at));
            logged.add(new LoggedEntry(sequence, id, at, entry, hash));
            prev = hash;
        }
        return logged;
    }
}
