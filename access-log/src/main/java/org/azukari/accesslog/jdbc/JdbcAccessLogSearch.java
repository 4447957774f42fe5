package org.azukari.accesslog.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Search by SQL over the log's own table, for the embedded default (Elasticsearch replaces it in
 * production). Filters use the search columns copied at append time; what comes back is parsed
 * from {@code entry_json}, the hashed text. Newest first, by sequence; the next page is
 * {@code sequence < before} (keyset), so its cost does not grow with its depth.
 */
public final class JdbcAccessLogSearch implements AccessLogSearch {

    private final JdbcTemplate jdbc;

    public JdbcAccessLogSearch(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<LoggedEntry> search(AccessLogQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + LogRows.COLUMNS + " FROM cp_access_log l WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        query.resident().ifPresent(r -> criterion(sql, args, " AND l.resident_id = ?", r.value()));
        query.actorId().ifPresent(a -> criterion(sql, args, " AND l.actor_id = ?", a));
        query.organisation().ifPresent(o -> criterion(sql, args, " AND l.organisation = ?", o));
        query.purpose().ifPresent(p -> criterion(sql, args, " AND l.purpose = ?", p.code()));
        query.from().ifPresent(f -> criterion(sql, args, " AND l.logged_at >= ?", LogRows.utc(f)));
        query.to().ifPresent(t -> criterion(sql, args, " AND l.logged_at < ?", LogRows.utc(t)));
        query.decision().ifPresent(d -> criterion(sql, args, " AND l.decision = ?", d.name()));
        query.client().ifPresent(c -> criterion(sql, args, " AND l.client = ?", c));
        if (!query.actions().isEmpty()) {
            sql.append(" AND l.action IN (").append(String.join(", ", Collections.nCopies(query.actions().size(), "?")))
                    .append(')');
            query.actions().stream().map(Enum::name).sorted().forEach(args::add);
        }
        query.emergency().ifPresent(e -> criterion(sql, args, " AND l.emergency = ?", e));
        query.requestId().ifPresent(r -> criterion(sql, args, " AND l.request_id = ?", r));
        query.before().ifPresent(b -> criterion(sql, args, " AND l.sequence < ?", b));
        sql.append(" ORDER BY l.sequence DESC LIMIT ?");
        args.add(query.limit());
        try {
            return jdbc.query(sql.toString(), LogRows.LOGGED, args.toArray());
        } catch (RuntimeException e) {
            throw new AccessLogUnavailableException("log could not be searched", e);
        }
    }

    private static void criterion(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }
}
