package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class IndexNamesTest {

    private final IndexNames names = new IndexNames("azukari-access-log");

    @Test
    void monthly_usesTheEntrysMonthInUtc() {
        assertThat(names.monthly(Instant.parse("2026-11-30T23:59:59.999999Z"))).isEqualTo("azukari-access-log-2026.11");
        assertThat(names.monthly(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("azukari-access-log-2026.12");
        assertThat(names.monthly(YearMonth.of(2016, 1))).isEqualTo("azukari-access-log-2016.01");
    }

    @Test
    void month_ofAnythingButAMonthlyIndexOfThisPrefix_isEmpty() {
        assertThat(names.month("azukari-access-log-2016.01")).contains(YearMonth.of(2016, 1));
        assertThat(names.month("azukari-access-log-2016.13")).isEmpty();
        assertThat(names.month("azukari-access-log-2016.01-restored")).isEmpty();
        assertThat(names.month("azukari-access-log-old-2016.01")).isEmpty();
        assertThat(names.month("other-2016.01")).isEmpty();
        assertThat(names.month("azukari-access-log")).isEmpty();
    }
}
