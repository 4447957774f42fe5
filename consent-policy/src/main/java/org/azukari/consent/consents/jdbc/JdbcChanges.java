package org.azukari.consent.consents.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the consent stores share: one transaction for a change and its access-log entry (the JDBC
 * access log over the same data source joins it, so both commit or neither does; a log that cannot
 * write throws and rolls the change back), read failures turned into
 * {@link ConsentUnavailableException}, times in UTC to the microsecond, category sets as text.
 */
final class JdbcChanges {

    final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AccessLog log;
    private final Clock clock;

    JdbcChanges(DataSource dataSource, AccessLog log, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.log = log;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Runs {@code change} and appends what it returns to the log, in one transaction. */
    <T> T change(Supplier<Changed<T>> change) {
        try {
            return transactions.execute(status -> {
                Changed<T> changed = change.get();
                log.appendAll(List.of(changed.entry()));
                return changed.result();
            });
        } catch (DuplicateKeyException e) {
            throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                    "changed concurrently; read it again");
        } catch (DataAccessException e) {
            throw new ConsentUnavailableException("consent store unavailable", e);
        }
    }

    <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (DataAccessException e) {
            throw new ConsentUnavailableException("consent store unavailable", e);
        } catch (IllegalArgumentException e) {
            // a row that no longer passes its own checks (an edited text no longer matching its hash)
            throw new ConsentUnavailableException("consent store holds an unreadable row", e);
        }
    }

    record Changed<T>(T result, AccessLogEntry entry) {
    }

    static AccessLogEntry entry(AccessActor actor, ResidentId resident, AccessAction action,
                                Collection<ConsentCategory> categories, Optional<Purpose> purpose, Set<String> ids,
                                String reason) {
        return AccessLogEntry.change(actor, Optional.of(resident), action,
                categories.stream().map(ConsentCategory::category).collect(Collectors.toSet()), purpose, ids, reason);
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String categories(Collection<ConsentCategory> categories) {
        return categories.stream().map(ConsentCategory::toString).sorted().collect(Collectors.joining(","));
    }

    static Set<ConsentCategory> categories(String text) {
        return text == null || text.isEmpty() ? Set.of()
                : Arrays.stream(text.split(",")).map(ConsentCategory::parse).collect(Collectors.toSet());
    }
}
