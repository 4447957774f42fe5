package org.azukari.accesslog.jdbc;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention: entries are kept at least {@link #MINIMUM_YEARS} years. On PostgreSQL a year's
 * partition goes once its whole year is older than the retention (its end, 1 January of the next
 * year UTC, is at or before now minus the retention). For each such year, oldest first:
 * <ol>
 * <li>the drop is appended to the log itself (actor BANK, action ERASE, reason
 *     {@code retention-drop}, request id {@code retention-<year>});</li>
 * <li>the last sequence in the partition and its hash are signed as a RETIRED checkpoint, in the
 *     checkpoint file and the database: the verifier then starts the kept chain there;</li>
 * <li>the partition is detached and dropped over the maintenance (owner) connection, with
 *     its outbox rows.</li>
 * </ol>
 * If a step fails the later ones do not run; running again carries on. On H2 (embedded default)
 * nothing is dropped: the table is not partitioned and an embedded bank does not reach ten years
 * of volume; {@link #enforce()} returns no years.
 */
public final class AccessLogRetention {

    public static final int MINIMUM_YEARS = 10;
    private static final Pattern PARTITION = Pattern.compile("cp_access_log_y(\\d{4})");

    private final JdbcTemplate owner;
    private final Dialect dialect;
    private final AccessLog log;
    private final Checkpointer checkpointer;
    private final Clock clock;
    private final int years;

    /** {@code ownerDataSource} connects as the role that owns the log tables (the migration role). */
    public AccessLogRetention(DataSource ownerDataSource, AccessLog log, Checkpointer checkpointer, Clock clock,
                              int years) {
        if (years < MINIMUM_YEARS) {
            throw new BadInputException(ConsentPolicyError.CP_0140, "access-log retention must be at least " + MINIMUM_YEARS + " years");
        }
        this.owner = new JdbcTemplate(ownerDataSource);
        this.dialect = Dialect.of(ownerDataSource);
        this.log = log;
        this.checkpointer = checkpointer;
        this.clock = clock;
        this.years = years;
    }

    /** Drops every expired year; returns the years dropped. */
    public List<Integer> enforce() {
        if (dialect != Dialect.POSTGRESQL) {
            return List.of();
        }
        ZonedDateTime limit = clock.instant().atZone(ZoneOffset.UTC).minusYears(years);
        List<Integer> dropped = new ArrayList<>();
        for (int year : partitionYears()) {
            if (!ZonedDateTime.of(year + 1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).isAfter(limit)) {
                drop(year);
                dropped.add(year);
            }
        }
        return dropped;
    }

    private void drop(int year) {
        String partition = "cp_access_log_y" + year;
        log.append(new AccessLogEntry(AccessActor.bank(), Optional.empty(), AccessAction.ERASE, new java.util.TreeMap<>(),
                Set.of(), Optional.empty(), Set.of(), AccessDecision.PERMIT, "retention-drop", "retention-" + year));
        List<Map<String, Object>> last = owner.queryForList("SELECT sequence, hash FROM " + partition
                + " ORDER BY sequence DESC LIMIT 1");
        if (!last.isEmpty()) {
            checkpointer.retire(((Number) last.get(0).get("sequence")).longValue(), (String) last.get(0).get("hash"));
            owner.update("DELETE FROM cp_access_log_outbox WHERE sequence <= ?", last.get(0).get("sequence"));
        }
        owner.execute("ALTER TABLE cp_access_log DETACH PARTITION " + partition);
        owner.execute("DROP TABLE " + partition);
    }

    private List<Integer> partitionYears() {
        List<Integer> years = new ArrayList<>();
        for (String name : owner.queryForList("SELECT c.relname FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
                + " JOIN pg_namespace n ON n.oid = p.relnamespace"
                + " WHERE p.relname = 'cp_access_log' AND n.nspname = current_schema()", String.class)) {
            Matcher year = PARTITION.matcher(name);
            if (year.matches()) {
                years.add(Integer.parseInt(year.group(1)));
            }
        }
        years.sort(null);
        return years;
    }
}
