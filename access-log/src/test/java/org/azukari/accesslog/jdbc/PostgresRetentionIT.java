package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ten-year retention on the real PostgreSQL, with a clock moved eleven years ahead. */
class PostgresRetentionIT {

    @TempDir
    Path directory;

    private PostgresLog database;
    private LogFixture fixture;
    private final ResidentId resident = ResidentId.random();

    @BeforeEach
    void database() {
        database = new PostgresLog(directory, new CheckpointPolicy(2, Duration.ofDays(3650)));
        fixture = database.fixture;
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void enforce_elevenYearsOn_dropsTheExpiredYears_keepsYoungerOnes_andTheKeptChainStillVerifies() {
        fixture.clock.set(Instant.parse("2024-06-01T00:00:00Z"));
        for (int i = 1; i <= 3; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        fixture.clock.set(Instant.parse("2030-06-01T00:00:00Z"));
        fixture.log.append(Entries.read(resident, 4));
        fixture.log.append(Entries.read(resident, 5));
        fixture.clock.set(Instant.parse("2035-06-01T00:00:00Z"));

        AccessLogRetention retention = new AccessLogRetention(fixture.owner.getDataSource(), fixture.log,
                fixture.checkpointer, fixture.clock, 10);
        List<Integer> dropped = retention.enforce();

        assertThat(dropped).contains(2024).doesNotContain(2026, 2030);
        assertThat(partitions()).doesNotContain("cp_access_log_y2024").contains("cp_access_log_y2026", "cp_access_log_y2030");
        assertThat(fixture.owner.queryForList("SELECT sequence FROM cp_access_log ORDER BY sequence", Long.class))
                .startsWith(4L, 5L, 6L);
        List<LoggedEntry> drops = new JdbcAccessLogSearch(fixture.runtime).search(AccessLogQuery.builder().actorId("system").limit(10).build());
        assertThat(drops).extracting(e -> e.entry().requestId()).contains("retention-2024");
        assertThat(drops).allSatisfy(e -> assertThat(e.entry().reason()).isEqualTo("retention-drop"));

        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).as(verification.finding()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(2 + dropped.size());

        assertThat(retention.enforce()).isEmpty();
        fixture.log.append(Entries.read(resident, 6));
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void enforce_withinTenYears_dropsNothing() {
        fixture.clock.set(Instant.parse("2024-06-01T00:00:00Z"));
        fixture.log.append(Entries.read(resident, 1));
        fixture.clock.set(Instant.parse("2034-12-31T00:00:00Z"));

        assertThat(new AccessLogRetention(fixture.owner.getDataSource(), fixture.log, fixture.checkpointer,
                fixture.clock, 10).enforce()).isEmpty();
        assertThat(partitions()).contains("cp_access_log_y2024");
    }

    @Test
    void droppingAPartitionBehindRetentionsBack_isAGap() {
        fixture.clock.set(Instant.parse("2024-06-01T00:00:00Z"));
        fixture.log.append(Entries.read(resident, 1));
        fixture.clock.set(Instant.parse("2030-06-01T00:00:00Z"));
        fixture.log.append(Entries.read(resident, 2));
        fixture.owner.execute("ALTER TABLE cp_access_log DETACH PARTITION cp_access_log_y2024");
        fixture.owner.execute("DROP TABLE cp_access_log_y2024");

        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.finding()).isEqualTo("sequence-gap");
        assertThat(verification.firstBadSequence()).contains(1L);
    }

    private List<String> partitions() {
        return fixture.owner.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace"
                + " WHERE p.relname = 'cp_access_log' AND n.nspname = ?", String.class, database.schema);
    }
}
