package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.azukari.accesslog.Entries;
import org.azukari.accesslog.HeadWitness;
import org.azukari.accesslog.HeadWitness.Witnessed;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The head witnessed outside the database before an append is answered, and what happens when it cannot be. */
class WitnessingTest {

    @TempDir
    Path directory;

    private final ResidentId resident = ResidentId.random();

    @Test
    void append_returnsOnlyOnceItsHeadIsWitnessedOutsideTheDatabase() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        for (int i = 1; i <= 3; i++) {
            LoggedEntry logged = fixture.log.append(Entries.read(resident, i));
            assertThat(fixture.witness.read()).isEqualTo(new Witnessed(logged.sequence(), logged.hash()));
        }
        List<LoggedEntry> batch = fixture.log.appendAll(List.of(Entries.read(resident, 4), Entries.read(resident, 5)));
        assertThat(fixture.witness.read()).isEqualTo(new Witnessed(5, batch.get(1).hash()));
    }

    @Test
    void append_whenTheWitnessCannotBeWritten_isRefused_andTheNextIsRefusedBeforeAnythingIsWritten() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        fixture.log.append(Entries.read(resident, 1));
        witnessUnwritable(fixture);

        assertThatThrownBy(() -> fixture.log.append(Entries.read(resident, 2)))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110")
                .hasStackTraceContaining("CP-0135 head witness cannot be written");
        assertThat(fixture.log.headSequence()).as("that batch is committed, its callers refused").isEqualTo(2);
        assertThatThrownBy(() -> fixture.log.append(Entries.read(resident, 3)))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110");
        assertThat(fixture.log.headSequence()).isEqualTo(2);
    }

    @Test
    void append_onceTheWitnessCanBeWrittenAgain_recordsAndTheLogVerifiesIntact() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        fixture.log.append(Entries.read(resident, 1));
        Path kept = witnessUnwritable(fixture);
        assertThatThrownBy(() -> fixture.log.append(Entries.read(resident, 2))).isInstanceOf(AccessLogUnavailableException.class);
        Files.delete(fixture.witness.path());
        Files.move(kept, fixture.witness.path());

        LoggedEntry logged = fixture.log.append(Entries.read(resident, 3));

        assertThat(logged.sequence()).isEqualTo(3);
        assertThat(fixture.witness.read()).isEqualTo(new Witnessed(3, logged.hash()));
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void append_whenTheWitnessCannotBeReadAtAll_isRefusedBeforeAnythingIsWritten() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        Files.createDirectories(fixture.witness.path());

        assertThatThrownBy(() -> fixture.log.append(Entries.read(resident, 1)))
                .isInstanceOf(AccessLogUnavailableException.class).hasStackTraceContaining("CP-0136");
        assertThat(fixture.log.headSequence()).isZero();
    }

    @Test
    void appendAll_inACallersTransaction_isWitnessedWhenThatTransactionCommits() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        LoggedEntry first = fixture.log.append(Entries.read(resident, 1));
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(fixture.runtime));

        LoggedEntry second = callers.execute(status -> {
            LoggedEntry inside = fixture.log.appendAll(List.of(Entries.read(resident, 2))).get(0);
            assertThat(fixture.witness.read()).isEqualTo(new Witnessed(1, first.hash()));
            return inside;
        });

        assertThat(fixture.witness.read()).isEqualTo(new Witnessed(2, second.hash()));
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void appendAll_inACallersTransaction_whenTheWitnessCannotBeWritten_failsTheCallersCommit() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        fixture.log.append(Entries.read(resident, 1));
        witnessUnwritable(fixture);
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(fixture.runtime));

        assertThatThrownBy(() -> callers.executeWithoutResult(status ->
                fixture.log.appendAll(List.of(Entries.read(resident, 2)))))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110");
    }

    @Test
    void append_withAMalformedWitness_isRefused_andWritesNothing() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        Files.createDirectories(fixture.witness.path().getParent());
        Files.writeString(fixture.witness.path(), "not a witness\n");

        assertThatThrownBy(() -> fixture.log.append(Entries.read(resident, 1)))
                .isInstanceOf(AccessLogUnavailableException.class).hasStackTraceContaining("CP-0136");
        assertThat(fixture.log.headSequence()).isZero();
    }

    @Test
    void append_afterACrashBetweenCommitAndWitness_continuesFromTheOlderWitness() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        LoggedEntry second = fixture.log.appendAll(List.of(Entries.read(resident, 1), Entries.read(resident, 2))).get(1);
        fixture.log.append(Entries.read(resident, 3));
        HeadWitness older = new HeadWitness(fixture.witness.path());
        older.write(new Witnessed(2, second.hash()));
        older.write(new Witnessed(2, second.hash()));
        JdbcAccessLog restarted = new JdbcAccessLog(fixture.runtime, fixture.checkpointer, CheckpointPolicy.DEFAULT,
                new HeadWitness(fixture.witness.path()), fixture.clock);

        LoggedEntry fourth = restarted.append(Entries.read(resident, 4));

        assertThat(fixture.witness.read()).isEqualTo(new Witnessed(4, fourth.hash()));
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    /** The disk under the witness goes bad: it stays where it was, and nothing can be written there. */
    private static Path witnessUnwritable(LogFixture fixture) throws Exception {
        Path kept = fixture.witness.path().resolveSibling("kept-witness");
        Files.move(fixture.witness.path(), kept);
        Files.createDirectories(fixture.witness.path());
        return kept;
    }

    @Test
    void verify_ofALogWrittenBeforeTheWitnessExisted_reportsItMissing_untilTheNextAppend() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        fixture.log.append(Entries.read(resident, 1));
        Files.delete(fixture.witness.path());
        assertThat(fixture.verifier.verify().finding()).isEqualTo("witness-missing");
        JdbcAccessLog upgraded = new JdbcAccessLog(fixture.runtime, fixture.checkpointer, CheckpointPolicy.DEFAULT,
                new HeadWitness(fixture.witness.path()), fixture.clock);

        upgraded.append(Entries.read(resident, 2));

        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void append_fromEightThreadsAndCallersTransactions_leavesTheWitnessAtTheHead() throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 50);
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(fixture.runtime));
        Thread caller = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                callers.executeWithoutResult(status -> fixture.log.appendAll(List.of(Entries.read(resident, 0))));
            }
        });
        caller.start();
        ConcurrentAppends.run(fixture.log, 8, 20, resident);
        caller.join();

        long head = fixture.log.headSequence();
        assertThat(head).isEqualTo(8 * 20 * 2 + 40);
        assertThat(fixture.witness.read()).isEqualTo(new Witnessed(head, fixture.log.range(head, head + 1).get(0).hash()));
        var verification = fixture.verifier.verify();
        assertThat(verification.intact()).as(verification.finding()).isTrue();
    }
}
