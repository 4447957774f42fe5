package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The log on the real PostgreSQL, run as the restricted runtime role. */
class PostgresAccessLogIT {

    @TempDir
    Path directory;

    private PostgresLog database;
    private LogFixture fixture;
    private final ResidentId resident = ResidentId.random();

    @BeforeEach
    void database() {
        database = new PostgresLog(directory, new CheckpointPolicy(2, java.time.Duration.ofHours(1)));
        fixture = database.fixture;
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void migration_createsYearPartitions_andRowsLandInTheirYear() {
        int year = Instant.now().atZone(ZoneOffset.UTC).getYear();
        assertThat(partitions()).contains("cp_access_log_y" + (year - 1), "cp_access_log_y" + year,
                "cp_access_log_y" + (year + 3));

        fixture.clock.set(Instant.parse("2031-05-01T00:00:00Z"));
        LoggedEntry in2031 = fixture.log.append(Entries.read(resident, 1));
        fixture.clock.set(Instant.parse("2033-12-15T00:00:00Z"));
        fixture.log.append(Entries.read(resident, 2));

        assertThat(fixture.owner.queryForObject("SELECT sequence FROM cp_access_log_y2031", Long.class))
                .isEqualTo(in2031.sequence());
        assertThat(fixture.owner.queryForObject("SELECT COUNT(*) FROM cp_access_log_y2033", Long.class)).isEqualTo(1);
        assertThat(partitions()).as("next year's partition, made a month ahead by the runtime role")
                .contains("cp_access_log_y2034");
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void runtimeRole_cannotUpdateOrDeleteLogRows_butCanAcknowledgeTheOutbox() {
        fixture.log.appendAll(List.of(Entries.read(resident, 1), Entries.read(resident, 2)));
        JdbcTemplate runtime = database.runtimeSql();
        int year = fixture.clock.instant().atZone(ZoneOffset.UTC).getYear();

        for (String attack : List.of("UPDATE cp_access_log SET entry_json = '{}' WHERE sequence = 1",
                "DELETE FROM cp_access_log WHERE sequence = 1", "TRUNCATE cp_access_log",
                "UPDATE cp_access_log_y" + year + " SET hash = prev_hash", "DELETE FROM cp_access_log_y" + year,
                "UPDATE cp_access_log_checkpoint SET hash = hash", "DELETE FROM cp_access_log_checkpoint",
                "ALTER TABLE cp_access_log DETACH PARTITION cp_access_log_y" + year,
                "DROP TABLE cp_access_log_y" + year)) {
            assertThatThrownBy(() -> runtime.execute(attack)).as(attack).isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage())
                            .containsAnyOf("permission denied", "must be owner"));
        }
        fixture.log.acknowledge(List.of(1L));
        assertThat(fixture.log.pending(10)).extracting(LoggedEntry::sequence).containsExactly(2L);
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void append_fromEightThreads_buildsOneChainWithoutForks() throws Exception {
        ConcurrentAppends.run(fixture.log, 8, 40, resident);

        assertThat(fixture.log.headSequence()).isEqualTo(640);
        assertThat(fixture.owner.queryForObject("SELECT COUNT(DISTINCT prev_hash) FROM cp_access_log", Long.class))
                .isEqualTo(640);
        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).as(verification.finding()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(640);
    }

    @Test
    void search_overThePartitionedTable_findsTheResidentNewestFirst() {
        fixture.log.append(Entries.read(resident, 1));
        fixture.log.append(Entries.read(ResidentId.random(), 2));
        fixture.clock.set(Instant.parse("2031-05-01T00:00:00Z"));
        fixture.log.append(Entries.read(resident, 3));

        assertThat(new JdbcAccessLogSearch(database.runtimeSql().getDataSource()).search(AccessLogQuery.forResident(resident)))
                .extracting(LoggedEntry::sequence).containsExactly(3L, 1L);
    }

    private List<String> partitions() {
        return fixture.owner.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace"
                + " WHERE p.relname = 'cp_access_log' AND n.nspname = ?", String.class, database.schema);
    }
}
