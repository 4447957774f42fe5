package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.LoggedEntry;
import org.springframework.jdbc.core.JdbcTemplate;

/** What V20_7 must have filled in rows written before it, checked the same way on H2 and PostgreSQL. */
final class Backfill {

    private Backfill() {
    }

    /** Each row's new columns are what {@link JdbcAccessLog} writes for its entry today. */
    static void assertColumnsFilled(JdbcTemplate sql, List<LoggedEntry> logged) {
        List<Map<String, Object>> rows = sql.queryForList(
                "SELECT sequence, client, action, emergency, request_id FROM cp_access_log ORDER BY sequence");
        assertThat(rows).hasSize(logged.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            LoggedEntry expected = logged.get(i);
            String as = "sequence " + expected.sequence() + " (" + expected.entry().reason() + ")";
            assertThat(((Number) row.get("sequence")).longValue()).as(as).isEqualTo(expected.sequence());
            assertThat(row.get("client")).as(as).isEqualTo(expected.entry().actor().client().orElse(null));
            assertThat(row.get("action")).as(as).isEqualTo(expected.entry().action().name());
            assertThat(row.get("emergency")).as(as).isEqualTo(expected.entry().emergency());
            assertThat(row.get("request_id")).as(as).isEqualTo(expected.entry().requestId());
        }
    }

    /** The new criteria find the old rows, as the entries themselves would have them. */
    static void assertFoundBySearch(AccessLogSearch search, List<LoggedEntry> logged) {
        assertThat(search.search(AccessLogQuery.builder().emergency(true).build()))
                .containsExactlyElementsOf(logged.stream().filter(l -> l.entry().emergency())
                        .sorted((a, b) -> Long.compare(b.sequence(), a.sequence())).toList());
        assertThat(search.search(AccessLogQuery.builder().client("emr-1").requestId("req-a").build()))
                .containsExactly(logged.get(5), logged.get(0));
    }
}
