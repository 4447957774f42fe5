package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.azukari.accesslog.CheckpointFile;
import org.azukari.accesslog.HeadWitness;
import org.azukari.accesslog.jdbc.CheckpointPolicy;
import org.azukari.accesslog.jdbc.Checkpointer;
import org.azukari.accesslog.jdbc.JdbcAccessLog;
import org.azukari.accesslog.jdbc.JdbcAccessLogSearch;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real chain end to end: the log and its outbox on PostgreSQL ({@code AZUKARI_IT_PG_*}),
 * the indexer into the real Elasticsearch. The outbox empties, the index answers exactly what
 * the SQL search over the log answers, and after the indices are lost a rebuild from
 * PostgreSQL brings every entry back.
 */
class PostgresOutboxToElasticsearchIT {

    @TempDir
    Path directory;

    private final String schema = "it_search_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private HikariDataSource database;
    private JdbcAccessLog log;
    private ItElasticsearch es;
    private OutboxIndexer indexer;

    @BeforeEach
    void setUp() {
        String url = ItElasticsearch.requiredEnv("AZUKARI_IT_PG_URL");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(ItElasticsearch.requiredEnv("AZUKARI_IT_PG_USER"));
        config.setPassword(ItElasticsearch.requiredEnv("AZUKARI_IT_PG_PASSWORD"));
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(5_000);
        database = new HikariDataSource(config);
        new JdbcTemplate(database).execute("CREATE SCHEMA " + schema);
        Flyway.configure().dataSource(database).locations("classpath:db/migration/accesslog/postgresql").load().migrate();
        Clock clock = Clock.systemUTC();
        CheckpointFile file = new CheckpointFile(directory.resolve("checkpoints.txt"));
        log = new JdbcAccessLog(database, new Checkpointer(database, new org.azukari.accesslog.TestSigner(), file, clock),
                new CheckpointPolicy(10, Duration.ofHours(1)), new HeadWitness(directory.resolve("head-witness")), clock);
        es = ItElasticsearch.shared();
        indexer = new OutboxIndexer(log, new ElasticsearchEntryWriter(es.client, es.names), 16, Duration.ofMillis(50),
                Duration.ofSeconds(1));
    }

    @AfterEach
    void tearDown() {
        try {
            es.close();
        } finally {
            new JdbcTemplate(database).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            database.close();
        }
    }

    @Test
    void entriesLoggedInPostgres_areSearchableAsTheSqlSearchFindsThem_andRebuildableAfterTheIndexIsLost() throws IOException {
        ResidentId resident = ResidentId.random();
        List<AccessLogEntry> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(SampleEntries.read(i % 3 == 0 ? resident : ResidentId.random(), "doctor-" + (i % 4), "clinic-" + (i % 2 == 0 ? "a" : "b"),
                    i % 5 == 0 ? "health-advice" : "treatment", i % 7 == 0 ? AccessDecision.DENY : AccessDecision.PERMIT));
        }
        log.appendAll(batch.subList(0, 25));
        log.append(SampleEntries.signIn());
        log.appendAll(batch.subList(25, 40));

        assertThat(indexer.drain()).isEqualTo(41);
        assertThat(log.pending(100)).as("the outbox in PostgreSQL is empty").isEmpty();
        es.refresh();

        ElasticsearchAccessLogSearch index = new ElasticsearchAccessLogSearch(es.client, es.names);
        JdbcAccessLogSearch sql = new JdbcAccessLogSearch(database);
        List<AccessLogQuery> queries = List.of(AccessLogQuery.forResident(resident),
                AccessLogQuery.builder().actorId("doctor-1").organisation("clinic-b").build(),
                AccessLogQuery.builder().purpose(new Purpose("health-advice")).decision(AccessDecision.DENY).build(),
                AccessLogQuery.builder().from(log.range(10, 11).get(0).at()).to(log.range(30, 31).get(0).at())
                        .before(log.range(30, 31).get(0).sequence() - 5).limit(10).build());
        for (AccessLogQuery query : queries) {
            List<LoggedEntry> expected = sql.search(query);
            assertThat(expected).as("the query finds something").isNotEmpty();
            assertThat(index.search(query)).as(query.toString()).isEqualTo(expected);
        }

        es.deleteIndices();
        assertThat(indexer.rebuild()).isEqualTo(41);
        es.refresh();

        List<LoggedEntry> all = new ArrayList<>(log.range(1, log.headSequence() + 1));
        java.util.Collections.reverse(all);
        assertThat(index.search(AccessLogQuery.builder().limit(1000).build())).isEqualTo(all);
    }
}
