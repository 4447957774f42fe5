package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IndexRetentionTest {

    private static final Period TEN_YEARS = Period.ofYears(10);

    @Test
    void aMonth_isExpiredOnlyOnceItsLastEntryIsOlderThanTheRetention() {
        YearMonth month = YearMonth.of(2026, 11);

        assertThat(IndexRetention.expired(month, TEN_YEARS, Instant.parse("2036-11-30T23:59:59Z"))).isFalse();
        assertThat(IndexRetention.expired(month, TEN_YEARS, Instant.parse("2036-12-01T00:00:00Z"))).isTrue();
        assertThat(IndexRetention.expired(YearMonth.of(2026, 12), TEN_YEARS, Instant.parse("2036-12-01T00:00:00Z"))).isFalse();
    }

    @Test
    void retention_belowTenYears_isRefused() {
        Clock clock = Clock.fixed(Instant.parse("2040-01-01T00:00:00Z"), ZoneOffset.UTC);
        IndexNames names = new IndexNames("p");

        assertThatThrownBy(() -> new IndexRetention(null, names, Period.ofYears(9), clock))
                .hasMessageStartingWith("CP-0151 ");
        assertThatThrownBy(() -> new IndexRetention(null, names, Period.of(9, 11, 40), clock))
                .hasMessageStartingWith("CP-0151 ");
        assertThatThrownBy(() -> new IndexRetention(null, names, Period.ofYears(-10), clock))
                .hasMessageStartingWith("CP-0151 ");
        new IndexRetention(null, names, Period.ofYears(12), clock);
    }
}
