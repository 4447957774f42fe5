package org.azukari.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.RecordedVerification;
import org.azukari.consent.api.VerificationHistory;
import org.azukari.consent.api.VerificationRun;
import org.azukari.consent.api.VerifiedBy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * {@code audit verify} goes through the verification history as {@code cli} (the history itself is
 * proven on H2 and PostgreSQL in consent-policy); a run the history cannot record still prints its
 * verdict and exit code, and says so.
 */
class AuditCommandRunnerTest {

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream warned = new ByteArrayOutputStream();

    /** A history that records in memory, or refuses to record. */
    private static final class History implements VerificationHistory {
        final List<VerifiedBy> asked = new ArrayList<>();
        final ChainVerification verdict;
        final boolean records;

        History(ChainVerification verdict, boolean records) {
            this.verdict = verdict;
            this.records = records;
        }

        @Override
        public VerificationRun verify(VerifiedBy by) {
            asked.add(by);
            return records ? new VerificationRun.Recorded(new RecordedVerification(7, Instant.now(), by, verdict))
                    : new VerificationRun.Unrecorded(verdict);
        }

        @Override
        public List<RecordedVerification> newestFirst(Optional<Long> before, int limit) {
            return List.of();
        }
    }

    @BeforeEach
    void capture() {
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(warned, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(out);
        System.setErr(err);
    }

    @Test
    void auditVerify_isRecordedAsCli_andPrintsTheVerdict() {
        History history = new History(new ChainVerification(true, 12, 2, Optional.empty(), "intact"), true);
        AuditCommandRunner runner = new AuditCommandRunner(history);

        runner.run(new DefaultApplicationArguments("audit", "verify"));

        assertThat(history.asked).containsExactly(VerifiedBy.CLI);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("intact: 12 entries, 2 checkpoints checked");
        assertThat(warned.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(runner.getExitCode()).isZero();
    }

    @Test
    void auditVerify_whenTheHistoryCannotRecord_stillPrintsTheTamperedVerdictAndExitCode_andSaysItWasNotRecorded() {
        History history = new History(new ChainVerification(false, 12, 2, Optional.of(5L), "hash-mismatch"), false);
        AuditCommandRunner runner = new AuditCommandRunner(history);

        runner.run(new DefaultApplicationArguments("audit", "verify"));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("TAMPERED").contains("first bad entry 5")
                .contains("hash-mismatch");
        assertThat(warned.toString(StandardCharsets.UTF_8)).contains("CP-0170");
        assertThat(runner.getExitCode()).isEqualTo(AuditCommandRunner.TAMPERED);
    }
}
