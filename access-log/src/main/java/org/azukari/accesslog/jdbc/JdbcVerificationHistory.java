package org.azukari.accesslog.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.RecordedVerification;
import org.azukari.consent.api.VerificationHistory;
import org.azukari.consent.api.VerificationRun;
import org.azukari.consent.api.VerifiedBy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The history as rows of {@code cp_access_log_verification}, only ever inserted. The walk runs
 * first and its verdict is kept even when the insert fails ({@code CP-0170} in the server log and
 * an {@link VerificationRun.Unrecorded} run): hiding a tampering verdict because its record could
 * not be written would be worse than reporting it unrecorded.
 */
public final class JdbcVerificationHistory implements VerificationHistory {

    private static final Logger log = LoggerFactory.getLogger(JdbcVerificationHistory.class);
    private static final String COLUMNS = "id, verified_at, verified_by, intact, entries_checked, checkpoints_checked,"
            + " finding, first_bad_sequence";

    private final AccessLogVerifier verifier;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcVerificationHistory(AccessLogVerifier verifier, DataSource dataSource, Clock clock) {
        this.verifier = verifier;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public VerificationRun verify(VerifiedBy by) {
        ChainVerification verdict = verifier.verify();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Long> id = insert(by, verdict, at);
        if (id.isEmpty()) {
            return new VerificationRun.Unrecorded(verdict);
        }
        return new VerificationRun.Recorded(new RecordedVerification(id.get(), at, by, verdict));
    }

    private Optional<Long> insert(VerifiedBy by, ChainVerification verdict, Instant at) {
        try {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("INSERT INTO cp_access_log_verification (verified_at,"
                        + " verified_by, intact, entries_checked, checkpoints_checked, finding, first_bad_sequence)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
                insert.setObject(1, LogRows.utc(at));
                insert.setString(2, by.value());
                insert.setBoolean(3, verdict.intact());
                insert.setLong(4, verdict.entriesChecked());
                insert.setLong(5, verdict.checkpointsChecked());
                insert.setString(6, verdict.finding());
                insert.setObject(7, verdict.firstBadSequence().orElse(null), java.sql.Types.BIGINT);
                return insert;
            }, key);
            return Optional.ofNullable(key.getKey()).map(Number::longValue);
        } catch (DataAccessException e) {
            log.warn("CP-0170 a verification by {} ({}) could not be recorded ({})", by, verdict.finding(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public List<RecordedVerification> newestFirst(Optional<Long> before, int limit) {
        if (limit < 1 || limit > MAX_PAGE || before.filter(id -> id < 1).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0173, "verifications are read 1-" + MAX_PAGE + " at a time, before"
                    + " a positive number");
        }
        try {
            return before.isPresent()
                    ? jdbc.query("SELECT " + COLUMNS + " FROM cp_access_log_verification WHERE id < ? ORDER BY id DESC"
                    + " LIMIT ?", JdbcVerificationHistory::row, before.get(), limit)
                    : jdbc.query("SELECT " + COLUMNS + " FROM cp_access_log_verification ORDER BY id DESC LIMIT ?",
                    JdbcVerificationHistory::row, limit);
        } catch (DataAccessException e) {
            throw new AccessLogUnavailableException("verification history cannot be read", e);
        }
    }

    private static RecordedVerification row(ResultSet rs, int n) throws SQLException {
        long firstBad = rs.getLong(8);
        Optional<Long> first = rs.wasNull() ? Optional.empty() : Optional.of(firstBad);
        return new RecordedVerification(rs.getLong(1), LogRows.instant(rs, 2), new VerifiedBy(rs.getString(3)),
                new ChainVerification(rs.getBoolean(4), rs.getLong(5), rs.getLong(6), first, rs.getString(7)));
    }
}
