package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.azukari.accesslog.CanonicalForm;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcAccessLogTest {

    @TempDir
    Path directory;

    private final ResidentId resident = ResidentId.random();

    @Test
    void append_chainsEachEntryToItsPredecessor_fromGenesis() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        List<LoggedEntry> logged = IntStream.rangeClosed(1, 4).mapToObj(i -> fixture.log.append(Entries.read(resident, i))).toList();

        assertThat(logged).extracting(LoggedEntry::sequence).containsExactly(1L, 2L, 3L, 4L);
        String prev = CanonicalForm.GENESIS;
        for (LoggedEntry entry : logged) {
            assertThat(fixture.owner.queryForObject("SELECT prev_hash FROM cp_access_log WHERE sequence = ?",
                    String.class, entry.sequence())).isEqualTo(prev);
            assertThat(entry.hash()).isEqualTo(CanonicalForm.hash(prev, entry.sequence(), entry.entryId(), entry.at(),
                    CanonicalForm.entryJson(entry.entry())));
            prev = entry.hash();
        }
        assertThat(fixture.verifier.verify().intact()).isTrue();
        assertThat(fixture.verifier.verify().entriesChecked()).isEqualTo(4);
    }

    @Test
    void appendAll_writesEveryEntryAndItsOutboxRow_inOrder() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        List<LoggedEntry> logged = fixture.log.appendAll(IntStream.rangeClosed(1, 5).mapToObj(i -> Entries.read(resident, i)).toList());

        assertThat(logged).extracting(LoggedEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(fixture.log.headSequence()).isEqualTo(5);
        assertThat(fixture.log.pending(3)).extracting(LoggedEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(fixture.log.pending(10).get(0)).isEqualTo(logged.get(0));
        fixture.log.acknowledge(List.of(1L, 2L, 3L));
        assertThat(fixture.log.pending(10)).extracting(LoggedEntry::sequence).containsExactly(4L, 5L);
        assertThat(fixture.log.range(2, 4)).extracting(LoggedEntry::sequence).containsExactly(2L, 3L);
    }

    @Test
    void append_whenTheClockGoesBack_keepsTimeInSequenceOrder() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        LoggedEntry first = fixture.log.append(Entries.read(resident, 1));
        fixture.clock.advance(Duration.ofHours(-2));
        LoggedEntry second = fixture.log.append(Entries.read(resident, 2));

        assertThat(second.at()).isEqualTo(first.at());
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void append_fromEightThreads_buildsOneChainWithoutGapsOrForks() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 50);
        ConcurrentAppends.run(fixture.log, 8, 40, resident);

        assertThat(fixture.log.headSequence()).isEqualTo(8 * 40 * 2);
        assertThat(fixture.owner.queryForObject("SELECT COUNT(DISTINCT sequence) FROM cp_access_log", Long.class))
                .isEqualTo(8 * 40 * 2);
        assertThat(fixture.owner.queryForObject("SELECT COUNT(DISTINCT prev_hash) FROM cp_access_log", Long.class))
                .isEqualTo(8 * 40 * 2);
        var verification = fixture.verifier.verify();
        assertThat(verification.intact()).as(verification.finding()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(640);
        assertThat(verification.checkpointsChecked()).isGreaterThan(5);
    }

    @Test
    void append_whenTheDatabaseIsDown_failsClosed() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        Unreachable database = new Unreachable(fixture.runtime, new java.util.concurrent.atomic.AtomicBoolean());
        JdbcAccessLog broken = new JdbcAccessLog(database, fixture.checkpointer, CheckpointPolicy.DEFAULT, fixture.witness,
                fixture.clock);
        database.down().set(true);

        assertThatThrownBy(() -> broken.append(Entries.read(resident, 1)))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110");
        assertThat(fixture.log.headSequence()).isZero();
    }

    @Test
    void append_fromManyThreadsWhileTheDatabaseIsDown_failsEveryCaller() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        Unreachable database = new Unreachable(fixture.runtime, new java.util.concurrent.atomic.AtomicBoolean());
        JdbcAccessLog broken = new JdbcAccessLog(database, fixture.checkpointer, CheckpointPolicy.DEFAULT, fixture.witness,
                fixture.clock);
        database.down().set(true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<LoggedEntry>> calls = pool.invokeAll(IntStream.range(0, 32)
                    .<java.util.concurrent.Callable<LoggedEntry>>mapToObj(i -> () -> broken.append(Entries.read(resident, i)))
                    .toList());
            for (java.util.concurrent.Future<LoggedEntry> call : calls) {
                assertThatThrownBy(call::get).hasCauseInstanceOf(AccessLogUnavailableException.class);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(fixture.log.headSequence()).isZero();
    }

    @Test
    void verify_whenTheDatabaseIsDown_throwsRatherThanCallingTheLogIntact() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        Unreachable database = new Unreachable(fixture.runtime, new java.util.concurrent.atomic.AtomicBoolean(true));
        JdbcAccessLogVerifier verifier = new JdbcAccessLogVerifier(database, fixture.signer, fixture.file, fixture.witness);

        assertThatThrownBy(verifier::verify).isInstanceOf(AccessLogUnavailableException.class);
    }

    @Test
    void appendAll_whenAStatementFailsMidway_writesNothing() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        fixture.log.append(Entries.read(resident, 1));
        fixture.owner.execute("ALTER TABLE cp_access_log_outbox RENAME TO cp_access_log_outbox_gone");

        assertThatThrownBy(() -> fixture.log.appendAll(List.of(Entries.read(resident, 2), Entries.read(resident, 3))))
                .isInstanceOf(AccessLogUnavailableException.class);
        assertThat(fixture.owner.queryForObject("SELECT COUNT(*) FROM cp_access_log", Long.class)).isEqualTo(1);
        assertThat(fixture.log.headSequence()).isEqualTo(1);
    }

    @Test
    void append_everyNEntries_signsACheckpointIntoFileAndDatabase() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 10);
        for (int i = 1; i <= 25; i++) {
            fixture.log.append(Entries.read(resident, i));
        }

        List<String> lines = Files.readAllLines(fixture.file.path());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("v1 head 10 ");
        assertThat(lines.get(1)).startsWith("v1 head 20 ");
        assertThat(fixture.owner.queryForList("SELECT sequence FROM cp_access_log_checkpoint ORDER BY sequence", Long.class))
                .containsExactly(10L, 20L);
    }

    @Test
    void append_afterTheInterval_signsACheckpoint_andOnDemandSignsTheHead() throws Exception {
        LogFixture log = LogFixture.h2(directory, 1000);
        log.log.append(Entries.read(resident, 1));
        assertThat(log.log.checkpoint()).hasValueSatisfying(c -> assertThat(c.sequence()).isEqualTo(1));
        assertThat(log.log.checkpoint()).isEmpty();
        log.log.append(Entries.read(resident, 2));
        log.clock.advance(Duration.ofHours(2));
        log.log.append(Entries.read(resident, 3));

        assertThat(Files.readAllLines(log.file.path())).hasSize(2).last().asString().startsWith("v1 head 3 ");
    }

    @Test
    void append_afterTheWallClockJumpsForward_signsTheDueCheckpoint_andAfterItJumpsBackKeepsSigningOnSchedule()
            throws Exception {
        LogFixture fixture = fresh(new CheckpointPolicy(1000, Duration.ofSeconds(60)));
        fixture.log.append(Entries.read(resident, 1));
        fixture.clock.advance(Duration.ofDays(1));
        fixture.log.append(Entries.read(resident, 2));
        assertThat(Files.readAllLines(fixture.file.path())).as("a jump forward: the checkpoint is due")
                .singleElement().asString().startsWith("v1 head 2 ");

        fixture.clock.advance(Duration.ofDays(-1));
        fixture.log.append(Entries.read(resident, 3));
        fixture.clock.advance(Duration.ofSeconds(61));
        fixture.log.append(Entries.read(resident, 4));

        assertThat(Files.readAllLines(fixture.file.path())).as("not stalled for a day behind the jump")
                .extracting(line -> line.split(" ")[2]).containsExactly("2", "3", "4");
        var verification = fixture.verifier.verify();
        assertThat(verification.intact()).as(verification.finding()).isTrue();
        assertThat(verification.checkpointsChecked()).isEqualTo(3);
        assertThat(fixture.log.range(1, 5)).extracting(LoggedEntry::at).isSorted();
    }

    @Test
    void append_onAFreshBank_signsTheFirstCheckpointOnceTheIntervalHasPassedSinceTheFirstEntry() throws Exception {
        LogFixture fixture = fresh(new CheckpointPolicy(1000, Duration.ofSeconds(60)));
        fixture.log.append(Entries.read(resident, 1));
        fixture.clock.advance(Duration.ofSeconds(59));
        fixture.log.append(Entries.read(resident, 2));
        assertThat(fixture.file.exists()).isFalse();

        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.log.append(Entries.read(resident, 3));

        assertThat(Files.readAllLines(fixture.file.path())).singleElement().asString().startsWith("v1 head 3 ");
        assertThat(fixture.verifier.verify().checkpointsChecked()).isEqualTo(1);
    }

    @Test
    void append_onAFreshBank_signsTheFirstCheckpointAfterNEntries() throws Exception {
        LogFixture fixture = fresh(new CheckpointPolicy(5, Duration.ofHours(1)));
        for (int i = 1; i <= 4; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        assertThat(fixture.file.exists()).isFalse();

        fixture.log.append(Entries.read(resident, 5));

        assertThat(Files.readAllLines(fixture.file.path())).singleElement().asString().startsWith("v1 head 5 ");
    }

    @Test
    void append_afterARestartOfABankWithoutCheckpoints_countsTheIntervalFromItsFirstEntry() throws Exception {
        CheckpointPolicy minute = new CheckpointPolicy(1000, Duration.ofSeconds(60));
        LogFixture fixture = fresh(minute);
        fixture.log.append(Entries.read(resident, 1));
        fixture.clock.advance(Duration.ofSeconds(90));
        JdbcAccessLog restarted = new JdbcAccessLog(fixture.runtime, fixture.checkpointer, minute, fixture.witness,
                fixture.clock);

        restarted.append(Entries.read(resident, 2));

        assertThat(Files.readAllLines(fixture.file.path())).singleElement().asString().startsWith("v1 head 2 ");
    }

    @Test
    void appendAll_inACallersTransactionThatRollsBack_leavesNothingOutsideTheDatabaseNamingIt() {
        LogFixture fixture = LogFixture.h2(directory, 1);
        fixture.log.append(Entries.read(resident, 1));
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(fixture.runtime));

        callers.executeWithoutResult(status -> {
            fixture.log.appendAll(List.of(Entries.read(resident, 2)));
            status.setRollbackOnly();
        });

        assertThat(fixture.log.headSequence()).isEqualTo(1);
        assertThat(fixture.verifier.verify()).isEqualTo(new ChainVerification(true, 1, 1, Optional.empty(), "intact"));
        fixture.log.append(Entries.read(resident, 3));
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void append_whenTheCheckpointFileCannotBeWritten_stillRecords_butAnOnDemandCheckpointFails() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1);
        Files.createDirectories(fixture.file.path());

        assertThat(fixture.log.append(Entries.read(resident, 1)).sequence()).isEqualTo(1);
        assertThatThrownBy(fixture.log::checkpoint).isInstanceOf(AccessLogUnavailableException.class);
        assertThat(fixture.owner.queryForObject("SELECT COUNT(*) FROM cp_access_log_checkpoint", Long.class)).isZero();
    }

    private LogFixture fresh(CheckpointPolicy policy) {
        javax.sql.DataSource dataSource = LogFixture.h2(directory);
        LogFixture.migrate(dataSource, "h2");
        return new LogFixture(dataSource, dataSource, directory, policy);
    }

    /** A data source whose database has gone away. */
    private record Unreachable(DataSource delegate, java.util.concurrent.atomic.AtomicBoolean down) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (!down.get()) {
                return delegate.getConnection();
            }
            throw new SQLException("connection refused");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLException("connection refused");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("no");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
