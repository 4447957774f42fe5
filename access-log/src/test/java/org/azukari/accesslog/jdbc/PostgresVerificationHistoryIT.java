package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.RecordedVerification;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.SignedCheckpoint;
import org.azukari.consent.api.VerificationRun;
import org.azukari.consent.api.VerifiedBy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;

/**
 * The verification history (migration V20_8, an identity column) and the checkpoint listing on the
 * real PostgreSQL, run as the restricted runtime role: SELECT and INSERT are enough to record and
 * list, and the role can neither change nor remove a recorded verification.
 */
class PostgresVerificationHistoryIT {

    @TempDir
    Path directory;

    private PostgresLog database;
    private LogFixture fixture;

    @BeforeEach
    void database() {
        database = new PostgresLog(directory, new CheckpointPolicy(2, java.time.Duration.ofHours(1)));
        fixture = database.fixture;
        ResidentId resident = ResidentId.random();
        for (int i = 1; i <= 5; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void theRuntimeRole_recordsAndListsVerifications_newestFirst_withNumbersFromTheIdentityColumn() {
        JdbcVerificationHistory history = new JdbcVerificationHistory(fixture.verifier, fixture.runtime, fixture.clock);

        VerificationRun first = history.verify(new VerifiedBy("acc-1"));
        VerificationRun second = history.verify(VerifiedBy.CLI);

        assertThat(first).isInstanceOf(VerificationRun.Recorded.class);
        assertThat(second).isInstanceOf(VerificationRun.Recorded.class);
        assertThat(second.verdict().intact()).isTrue();
        List<RecordedVerification> listed = history.newestFirst(Optional.empty(), 10);
        assertThat(listed).containsExactly(((VerificationRun.Recorded) second).entry(),
                ((VerificationRun.Recorded) first).entry());
        assertThat(listed.get(0).id()).isGreaterThan(listed.get(1).id());
        assertThat(history.newestFirst(Optional.of(listed.get(0).id()), 10)).extracting(RecordedVerification::by)
                .containsExactly(new VerifiedBy("acc-1"));
    }

    @Test
    void theRuntimeRole_cannotChangeOrRemoveARecordedVerification() {
        new JdbcVerificationHistory(fixture.verifier, fixture.runtime, fixture.clock).verify(new VerifiedBy("acc-1"));

        for (String sql : List.of("UPDATE cp_access_log_verification SET intact = false",
                "DELETE FROM cp_access_log_verification", "TRUNCATE cp_access_log_verification")) {
            assertThatThrownBy(() -> database.runtimeSql().execute(sql)).as(sql).isInstanceOf(DataAccessException.class);
        }
        assertThat(fixture.owner.queryForObject("SELECT COUNT(*) FROM cp_access_log_verification WHERE intact",
                Long.class)).isEqualTo(1);
    }

    @Test
    void theRuntimeRole_listsTheSignedCheckpoints_byKeyset() {
        JdbcSignedCheckpoints checkpoints = new JdbcSignedCheckpoints(fixture.runtime, fixture.file, fixture.witness);

        List<SignedCheckpoint> first = checkpoints.newestFirst(Optional.empty(), 1);
        List<SignedCheckpoint> rest = checkpoints.newestFirst(Optional.of(first.get(0).cursor()), 10);

        assertThat(first).extracting(SignedCheckpoint::sequence).containsExactly(4L);
        assertThat(rest).extracting(SignedCheckpoint::sequence).containsExactly(2L);
        assertThat(rest.get(0).signature()).startsWith(rest.get(0).keyId() + ":");
    }
}
