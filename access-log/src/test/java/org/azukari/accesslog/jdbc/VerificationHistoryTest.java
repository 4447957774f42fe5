package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.RecordedVerification;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.VerificationRun;
import org.azukari.consent.api.VerifiedBy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verification history on H2, migrated like the application's: every run recorded, newest first. */
class VerificationHistoryTest {

    @TempDir
    Path directory;

    private LogFixture fixture;
    private JdbcVerificationHistory history;
    private final ResidentId resident = ResidentId.random();

    @BeforeEach
    void log() {
        fixture = LogFixture.h2(directory, 5);
        history = new JdbcVerificationHistory(fixture.verifier, fixture.runtime, fixture.clock);
        for (int i = 1; i <= 7; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
    }

    @Test
    void verify_recordsWhenWhoAndTheVerdict_andTheHistoryListsIt() {
        VerificationRun run = history.verify(new VerifiedBy("acc-1"));

        assertThat(run).isInstanceOf(VerificationRun.Recorded.class);
        assertThat(run.verdict()).isEqualTo(new ChainVerification(true, 7, 1, Optional.empty(), "intact"));
        RecordedVerification entry = ((VerificationRun.Recorded) run).entry();
        assertThat(history.newestFirst(Optional.empty(), 10)).containsExactly(entry);
        assertThat(entry.by()).isEqualTo(new VerifiedBy("acc-1"));
        assertThat(entry.at()).isEqualTo(LogFixture.START.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void verify_ofATamperedLog_recordsTheFindingAndTheFirstBadEntry() {
        fixture.owner.update("UPDATE cp_access_log SET hash = ? WHERE sequence = 3", "0".repeat(64));

        VerificationRun run = history.verify(VerifiedBy.CLI);

        RecordedVerification stored = history.newestFirst(Optional.empty(), 1).get(0);
        assertThat(stored.verdict()).isEqualTo(run.verdict());
        assertThat(stored.verdict().intact()).isFalse();
        assertThat(stored.verdict().firstBadSequence()).contains(3L);
        assertThat(stored.verdict().finding()).isEqualTo(run.verdict().finding()).isNotEqualTo("intact");
        assertThat(stored.by()).isEqualTo(VerifiedBy.CLI);
    }

    @Test
    void newestFirst_pagesByNumber_beforeTheLastOneShown() {
        for (int i = 0; i < 5; i++) {
            history.verify(new VerifiedBy("acc-" + i));
        }

        List<RecordedVerification> first = history.newestFirst(Optional.empty(), 3);
        List<RecordedVerification> second = history.newestFirst(Optional.of(first.get(2).id()), 3);

        assertThat(first).extracting(v -> v.by().value()).containsExactly("acc-4", "acc-3", "acc-2");
        assertThat(second).extracting(v -> v.by().value()).containsExactly("acc-1", "acc-0");
    }

    @Test
    void verify_whenTheHistoryCannotBeWritten_stillAnswersTheVerdict_asUnrecorded() {
        fixture.owner.execute("ALTER TABLE cp_access_log_verification RENAME TO cp_access_log_verification_away");

        VerificationRun run = history.verify(new VerifiedBy("acc-1"));

        assertThat(run).isEqualTo(new VerificationRun.Unrecorded(
                new ChainVerification(true, 7, 1, Optional.empty(), "intact")));
        assertThatThrownBy(() -> history.newestFirst(Optional.empty(), 10))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110");
    }

    @Test
    void newestFirst_withALimitOutOfRangeOrANonPositiveNumber_isRefused() {
        for (int limit : new int[] {0, 101}) {
            assertThatThrownBy(() -> history.newestFirst(Optional.empty(), limit)).hasMessageStartingWith("CP-0173");
        }
        assertThatThrownBy(() -> history.newestFirst(Optional.of(0L), 10)).hasMessageStartingWith("CP-0173");
    }

    @Test
    void aVerifier_isAnAccountIdOrCli_neverFreeText() {
        assertThatThrownBy(() -> new VerifiedBy("Yamada Taro")).hasMessageStartingWith("CP-0171");
        assertThatThrownBy(() -> new VerifiedBy("")).hasMessageStartingWith("CP-0171");
        assertThat(VerifiedBy.CLI.value()).isEqualTo("cli");
    }
}
