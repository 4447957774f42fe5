package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PullCursorTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration LEASE = Duration.ofMinutes(30);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(10));
    private static final PullError DOWN = new PullError("FG-0610", "the source's FHIR server could not be reached");

    @Test
    void aFreshCursor_isDueAtOnce_andAsksForEverything() {
        PullCursor fresh = PullCursor.fresh(T0);

        assertThat(fresh.isDue(T0, LEASE)).isTrue();
        assertThat(fresh.since(Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void success_movesTheMark_resetsTheFailures_andIsDueAgainAfterTheInterval() {
        Instant mark = Instant.parse("2026-01-05T08:59:58Z");
        PullCursor failedOnce = PullCursor.fresh(T0).claimed(T0).failed(DOWN, T0, BACKOFF);

        PullCursor after = failedOnce.claimed(T0.plusSeconds(60)).succeeded(Optional.of(mark), 34, 30, T0.plusSeconds(70), INTERVAL);

        assertThat(after.state()).isEqualTo(PullCursor.State.IDLE);
        assertThat(after.highWater()).contains(mark);
        assertThat(after.attempts()).isZero();
        assertThat(after.lastError()).isEmpty();
        assertThat(after.lastSuccessAt()).contains(T0.plusSeconds(70));
        assertThat(after.nextAttemptAt()).isEqualTo(T0.plusSeconds(70).plus(INTERVAL));
        assertThat(after.resourcesPulled()).isEqualTo(34);
        assertThat(after.resourcesCreated()).isEqualTo(30);
        assertThat(after.since(Duration.ofSeconds(2))).contains(mark.minusSeconds(2));
    }

    @Test
    void success_withoutAnUpstreamTime_keepsTheOldMark() {
        Instant mark = Instant.parse("2026-01-05T08:00:00Z");
        PullCursor pulled = PullCursor.fresh(T0).claimed(T0).succeeded(Optional.of(mark), 1, 1, T0, INTERVAL);

        PullCursor again = pulled.claimed(T0.plus(INTERVAL)).succeeded(Optional.empty(), 0, 0, T0.plus(INTERVAL), INTERVAL);

        assertThat(again.highWater()).contains(mark);
    }

    @Test
    void failure_keepsTheMark_andTheCounts_andPutsTheNextAttemptOffByTheBackoff() {
        Instant mark = Instant.parse("2026-01-05T08:00:00Z");
        PullCursor pulled = PullCursor.fresh(T0).claimed(T0).succeeded(Optional.of(mark), 10, 10, T0, INTERVAL);

        PullCursor first = pulled.claimed(T0.plus(INTERVAL)).failed(DOWN, T0.plus(INTERVAL), BACKOFF);
        PullCursor second = first.claimed(first.nextAttemptAt()).failed(DOWN, first.nextAttemptAt(), BACKOFF);
        PullCursor third = second.claimed(second.nextAttemptAt()).failed(DOWN, second.nextAttemptAt(), BACKOFF);

        assertThat(third.state()).isEqualTo(PullCursor.State.FAILED);
        assertThat(third.highWater()).contains(mark);
        assertThat(third.resourcesPulled()).isEqualTo(10);
        assertThat(third.lastSuccessAt()).contains(T0);
        assertThat(third.lastError()).contains(DOWN);
        assertThat(third.attempts()).isEqualTo(3);
        assertThat(Duration.between(first.lastAttemptAt().orElseThrow(), first.nextAttemptAt())).isEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(second.lastAttemptAt().orElseThrow(), second.nextAttemptAt())).isEqualTo(Duration.ofMinutes(2));
        assertThat(Duration.between(third.lastAttemptAt().orElseThrow(), third.nextAttemptAt())).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void aFailedCursor_isNotDue_beforeItsNextAttempt() {
        PullCursor failed = PullCursor.fresh(T0).claimed(T0).failed(DOWN, T0, BACKOFF);

        assertThat(failed.isDue(T0.plusSeconds(59), LEASE)).isFalse();
        assertThat(failed.isDue(T0.plusSeconds(60), LEASE)).isTrue();
    }

    @Test
    void aRunningCursor_isNotDue_untilItsClaimIsOlderThanTheLease() {
        PullCursor running = PullCursor.fresh(T0).claimed(T0);

        assertThat(running.isDue(T0.plus(LEASE).minusSeconds(1), LEASE)).isFalse();
        assertThat(running.isDue(T0.plus(LEASE), LEASE)).as("abandoned by a crashed node").isTrue();
    }

    @Test
    void aRunningCursor_withoutAClaimTime_orAClaimTimeWithoutRunning_isRefused() {
        assertThatThrownBy(() -> new PullCursor(PullCursor.State.RUNNING, Optional.empty(), 0, T0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 0)).hasMessageStartingWith("FG-0691");
        assertThatThrownBy(() -> new PullCursor(PullCursor.State.IDLE, Optional.empty(), 0, T0, Optional.of(T0),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 0)).hasMessageStartingWith("FG-0691");
    }

    @Test
    void anErrorText_isCutToItsLimit_andAMalformedCodeIsRefused() {
        assertThat(new PullError("FG-0611", "x".repeat(500)).text()).hasSize(PullError.MAX_TEXT);
        assertThatThrownBy(() -> new PullError("HTTP 500", "x")).hasMessageStartingWith("FG-0698");
    }
}
