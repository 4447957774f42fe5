package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1));

    @Test
    void delay_doublesWithEachFailure_fromTheInitialWait() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofMinutes(32));
    }

    @Test
    void delay_neverExceedsTheCap_evenAfterVeryManyFailures() {
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delay(63)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delay(64)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void delay_beforeAnyFailure_isTheInitialWait() {
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aZeroInitialWait_orACapBelowIt_isRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1))).hasMessageStartingWith("FG-0690");
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1))).hasMessageStartingWith("FG-0690");
    }
}
