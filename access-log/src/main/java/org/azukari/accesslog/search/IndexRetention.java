package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's own retention for the search index (the server's ILM module is not relied on):
 * a monthly index {@code <prefix>-yyyy.MM} is deleted once its whole month lies further back
 * than the retention, i.e. when the first instant of the following month (UTC) is at or before
 * {@code now - retention}. An entry therefore stays searchable for at least the retention and
 * at most a month longer. The retention is never below ten years. Only names of the exact
 * monthly form under this prefix are touched. The database, the system of record, is not: its
 * own retention is the log's business, and a rebuild re-creates what it still holds.
 */
public final class IndexRetention {

    private static final Logger log = LoggerFactory.getLogger(IndexRetention.class);

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Period retention;
    private final Clock clock;

    IndexRetention(ElasticsearchClient client, IndexNames names, Period retention, Clock clock) {
        ElasticsearchSettings.checkRetention(retention);
        this.client = client;
        this.names = names;
        this.retention = retention;
        this.clock = clock;
    }

    /** Whether every entry of {@code month} is older than the retention at {@code now}. */
    static boolean expired(YearMonth month, Period retention, Instant now) {
        Instant cutoff = now.atZone(ZoneOffset.UTC).minus(retention).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !monthEnd.isAfter(cutoff);
    }

    /**
     * Deletes the monthly indices past the retention.
     *
     * @return the names deleted, oldest first
     */
    public List<String> apply() throws IOException {
        Instant now = clock.instant();
        TreeSet<String> existing = new TreeSet<>(client.indices()
                .get(g -> g.index(names.pattern()).ignoreUnavailable(true).allowNoIndices(true))
                .result().keySet());
        List<String> deleted = new ArrayList<>();
        for (String index : existing) {
            Optional<YearMonth> month = names.month(index);
            if (month.isPresent() && expired(month.get(), retention, now)) {
                client.indices().delete(d -> d.index(index));
                deleted.add(index);
            }
        }
        if (!deleted.isEmpty()) {
            log.info("access-log retention ({}): deleted search indices {}", retention, deleted);
        }
        return deleted;
    }
}
