package org.azukari.fhir.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.junit.jupiter.api.Test;

class BulkheadTest {

    final Bulkhead<String> ingest = new Bulkhead<>("ingest", 3, 2, Duration.ofSeconds(2));

    @Test
    void tryEnter_pastOneKeysLimit_refusesThatKeyOnly_atOnce() {
        assertThat(ingest.tryEnter("hospital")).isInstanceOf(Bulkhead.Admitted.class);
        assertThat(ingest.tryEnter("hospital")).isInstanceOf(Bulkhead.Admitted.class);

        assertThat(ingest.tryEnter("hospital")).isEqualTo(new Bulkhead.Refused(Bulkhead.Refused.Limit.PER_KEY,
                Duration.ofSeconds(2)));
        assertThat(ingest.tryEnter("clinic")).isInstanceOf(Bulkhead.Admitted.class);
    }

    @Test
    void tryEnter_pastTheOverallLimit_refusesEveryKey_andGivesNothingAwayOfTheKeysShare() {
        ingest.tryEnter("a");
        ingest.tryEnter("b");
        ingest.tryEnter("c");

        assertThat(ingest.tryEnter("d")).isInstanceOfSatisfying(Bulkhead.Refused.class,
                refused -> assertThat(refused.limit()).isEqualTo(Bulkhead.Refused.Limit.OVERALL));
        assertThat(ingest.tryEnter("a")).isInstanceOf(Bulkhead.Refused.class);
        assertThat(ingest.available()).isZero();
    }

    @Test
    void close_letsTheNextOneIn_once_evenIfClosedTwice() {
        Bulkhead.Admitted first = (Bulkhead.Admitted) ingest.tryEnter("a");
        ingest.tryEnter("a");
        assertThat(ingest.tryEnter("a")).isInstanceOf(Bulkhead.Refused.class);

        first.close();
        first.close();

        assertThat(ingest.tryEnter("a")).isInstanceOf(Bulkhead.Admitted.class);
        assertThat(ingest.tryEnter("a")).isInstanceOf(Bulkhead.Refused.class);
        assertThat(ingest.available()).isEqualTo(1);
    }

    @Test
    void refused_retryAfter_isWholeSecondsAtLeastOne() {
        assertThat(new Bulkhead.Refused(Bulkhead.Refused.Limit.OVERALL, Duration.ofMillis(300)).retryAfterSeconds())
                .isEqualTo("1");
        assertThat(new Bulkhead.Refused(Bulkhead.Refused.Limit.OVERALL, Duration.ofSeconds(5)).retryAfterSeconds())
                .isEqualTo("5");
    }

    @Test
    void newBulkhead_admittingNoneAtAll_isRefusedAtStart() {
        assertThatThrownBy(() -> new Bulkhead<>("release", 0, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionProperties(new AdmissionProperties.Ingest(0, 1), 1, 1,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jdbcFaults_poolTimeoutsLockWaitsAndRollbacks_areTransient_otherFaultsAreNot() {
        assertThat(JdbcFaults.isTransient(new RuntimeException("HAPI-0389",
                new CannotGetJdbcConnectionException("no connection", new SQLTransientConnectionException("pool"))))).isTrue();
        assertThat(JdbcFaults.isTransient(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(JdbcFaults.isTransient(new CannotAcquireLockException("lock wait"))).isTrue();
        assertThat(JdbcFaults.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(JdbcFaults.isTransient(new SQLException("serialization", "40001"))).isTrue();
        assertThat(JdbcFaults.isTransient(new SQLException("lock not available", "55P03"))).isTrue();

        assertThat(JdbcFaults.isTransient(new DataIntegrityViolationException("duplicate"))).isFalse();
        assertThat(JdbcFaults.isTransient(new SQLException("syntax", "42601"))).isFalse();
        assertThat(JdbcFaults.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
