package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void failed_doublesUpToTheBound_andSuccessResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        }
        backoff.succeeded();
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(100));
    }
}
