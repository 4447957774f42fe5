package org.azukari.accesslog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessLogSettingsTest {

    @Test
    void settings_withRetentionUnderTenYears_areRefusedAtStartUp() {
        assertThatThrownBy(() -> new AccessLogSettings(1000, Duration.ofSeconds(60), null, null, 9))
                .hasMessageStartingWith("CP-0140");
    }

    @Test
    void settings_withNoCheckpointInterval_areRefused() {
        assertThatThrownBy(() -> new AccessLogSettings(0, Duration.ofSeconds(60), null, null, 10))
                .hasMessageStartingWith("CP-0133");
        assertThatThrownBy(() -> new AccessLogSettings(10, Duration.ZERO, null, null, 10))
                .hasMessageStartingWith("CP-0133");
    }
}
