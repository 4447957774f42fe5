package org.azukari.consent.notices.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.BreachNotice;
import org.azukari.consent.api.BreachNotices;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices as rows of {@code cp_breach_notice}, one per incident and resident. A batch and its
 * access-log entries share one transaction (the JDBC access log over the same data source joins
 * it): a log that cannot write rolls every notice back, so no resident sees a notice their access
 * log does not show, nor the other way round.
 */
public final class JdbcBreachNotices implements BreachNotices {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AccessLog log;
    private final Clock clock;

    public JdbcBreachNotices(DataSource dataSource, AccessLog log, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.log = log;
        this.clock = clock;
    }

    @Override
    public int notifyAll(List<BreachNotice> notices, AccessActor operator) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            Integer told = transactions.execute(status -> {
                List<AccessLogEntry> entries = new ArrayList<>();
                for (BreachNotice notice : notices) {
                    if (told(notice)) {
                        continue;
                    }
                    jdbc.update("INSERT INTO cp_breach_notice (incident, resident_id, organisation, window_from,"
                                    + " window_to, categories, record_count, notified_at, notified_by)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            notice.incident(), notice.resident().value(), notice.organisation().orElse(null),
                            utc(notice.from()), utc(notice.to()), categories(notice), notice.records(), utc(now),
                            operator.id());
                    entries.add(AccessLogEntry.notice(operator, notice.resident(), notice.categories(), REASON,
                            notice.incident()));
                }
                if (!entries.isEmpty()) {
                    log.appendAll(entries);
                }
                return entries.size();
            });
            return told == null ? 0 : told;
        } catch (DataAccessException e) {
            throw new AccessLogUnavailableException("breach notices could not be stored", e);
        }
    }

    private boolean told(BreachNotice notice) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM cp_breach_notice WHERE incident = ? AND resident_id = ?",
                Integer.class, notice.incident(), notice.resident().value());
        return rows != null && rows > 0;
    }

    @Override
    public List<BreachNotice> forResident(ResidentId resident) {
        try {
            return jdbc.query("SELECT incident, resident_id, organisation, window_from, window_to, categories,"
                    + " record_count, notified_at FROM cp_breach_notice WHERE resident_id = ?"
                    + " ORDER BY notified_at DESC, incident", JdbcBreachNotices::notice, resident.value());
        } catch (DataAccessException e) {
            throw new AccessLogUnavailableException("breach notices could not be read", e);
        }
    }

    private static BreachNotice notice(ResultSet rs, int row) throws SQLException {
        String categories = rs.getString("categories");
        return new BreachNotice(rs.getString("incident"), new ResidentId(rs.getObject("resident_id", java.util.UUID.class)),
                Optional.ofNullable(rs.getString("organisation")), instant(rs, "window_from"), instant(rs, "window_to"),
                categories.isEmpty() ? java.util.Set.of() : Arrays.stream(categories.split(","))
                        .map(DataCategory::valueOf).collect(Collectors.toSet()),
                rs.getInt("record_count"), instant(rs, "notified_at"));
    }

    private static String categories(BreachNotice notice) {
        return notice.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
