package org.azukari.fhir.ingest.jdbc;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.azukari.fhir.ingest.SourceWarnings;
import org.azukari.identity.api.OrganisationId;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code fg_source_warning}; see {@code V16_7__source_warnings.sql}. */
public final class JdbcSourceWarnings implements SourceWarnings {

    private static final int MAX_CODE = 200;
    private static final int MAX_TYPE = 64;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcSourceWarnings(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Insert-if-absent then add, like the source index: two ingests counting at once both count. */
    @Override
    public void add(OrganisationId source, Map<Kind, Integer> counts) {
        Timestamp now = Timestamp.from(clock.instant());
        for (Map.Entry<Kind, Integer> count : counts.entrySet()) {
            String code = cut(count.getKey().code(), MAX_CODE);
            String type = cut(count.getKey().resourceType(), MAX_TYPE);
            jdbc.update("INSERT INTO fg_source_warning (source_org, code, resource_type, warning_count, last_seen)"
                    + " VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING", source.value(), code, type, now);
            jdbc.update("UPDATE fg_source_warning SET warning_count = warning_count + ?, last_seen = ?"
                    + " WHERE source_org = ? AND code = ? AND resource_type = ?", count.getValue(), now, source.value(),
                    code, type);
        }
    }

    @Override
    public List<Count> counts(OrganisationId source) {
        return jdbc.query("SELECT code, resource_type, warning_count, last_seen FROM fg_source_warning"
                        + " WHERE source_org = ? ORDER BY warning_count DESC, code, resource_type",
                (row, n) -> new Count(new Kind(row.getString(1), row.getString(2)), row.getLong(3),
                        row.getTimestamp(4).toInstant()), source.value());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
