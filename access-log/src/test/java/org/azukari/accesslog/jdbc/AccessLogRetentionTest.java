package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogRetentionTest {

    @TempDir
    Path directory;

    @Test
    void enforce_onH2_dropsNothingEvenAfterElevenYears() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        fixture.log.append(Entries.read(ResidentId.random(), 1));
        fixture.clock.advance(Duration.ofDays(366 * 11));
        AccessLogRetention retention = new AccessLogRetention(fixture.runtime, fixture.log, fixture.checkpointer,
                fixture.clock, 10);

        assertThat(retention.enforce()).isEmpty();
        assertThat(fixture.log.headSequence()).isEqualTo(1);
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void retention_underTenYears_isRefused() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        assertThatThrownBy(() -> new AccessLogRetention(fixture.runtime, fixture.log, fixture.checkpointer,
                fixture.clock, 9)).hasMessageStartingWith("CP-0140");
    }
}
