package org.azukari.accesslog.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.azukari.accesslog.AccessLogOutbox;
import org.azukari.accesslog.CanonicalForm;
import org.azukari.accesslog.Checkpoint;
import org.azukari.accesslog.HeadWitness;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The system of record. An append locks the head row, numbers and chains the entries
 * ({@link CanonicalForm}), inserts them with one JDBC batch, puts their sequences in the outbox
 * and moves the head, all in one transaction: all or nothing, and no two appends can fork the
 * chain. Any failure is an {@link AccessLogUnavailableException} after the rollback, so the
 * caller does not do what it meant to record. There is no update or delete of log rows here.
 *
 * <p>When that transaction commits (the log's own, or a caller's it joined), the new head is
 * witnessed outside the database ({@link Witnessing}) before anyone is answered, and then a
 * checkpoint is signed if one is due ({@link CheckpointSchedule}). So an entry whose append
 * returned (or whose caller's commit returned) is witnessed; one whose witness could not be
 * written is committed but its caller is refused.
 *
 * <p>Times come from the injected clock, truncated to microseconds and never earlier than the
 * head's, so sequence order and time order agree (which retention by year relies on). On
 * PostgreSQL the year's partition, and next year's in December, are ensured before appending.
 */
public final class JdbcAccessLog implements AccessLog, AccessLogOutbox {

    private static final String INSERT = "INSERT INTO cp_access_log (sequence, entry_id, logged_at, entry_json,"
            + " prev_hash, hash, resident_id, actor_id, organisation, purpose, decision, client, action, emergency,"
            + " request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Dialect dialect;
    private final CheckpointSchedule schedule;
    private final Witnessing witnessing;
    private final Clock clock;
    private final Set<Integer> ensuredYears = ConcurrentHashMap.newKeySet();
    private final GroupCommit groupCommit = new GroupCommit(this::appendAll);

    public JdbcAccessLog(DataSource dataSource, Checkpointer checkpointer, CheckpointPolicy policy, HeadWitness witness,
                         Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = Dialect.of(dataSource);
        this.schedule = new CheckpointSchedule(checkpointer, policy, clock);
        this.witnessing = new Witnessing(witness, jdbc);
        this.clock = clock;
    }

    /** Concurrent single appends are combined into one transaction ({@link GroupCommit}). */
    @Override
    public LoggedEntry append(AccessLogEntry entry) {
        return groupCommit.append(entry);
    }

    @Override
    public List<LoggedEntry> appendAll(List<AccessLogEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<String> json = entries.stream().map(CanonicalForm::entryJson).toList();
        return guarded("entries could not be appended", () -> {
            witnessing.ready();
            ensurePartitions();
            return transactions.execute(status -> insert(entries, json));
        });
    }

    private List<LoggedEntry> insert(List<AccessLogEntry> entries, List<String> json) {
        Head head = Head.lock(jdbc, dialect);
        witnessing.checkExtends(head);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant at = head.at().filter(previous -> previous.isAfter(now)).orElse(now);
        List<LoggedEntry> logged = new ArrayList<>(entries.size());
        List<Object[]> rows = new ArrayList<>(entries.size());
        String prev = head.hash();
        for (int i = 0; i < entries.size(); i++) {
            AccessLogEntry entry = entries.get(i);
            long sequence = head.sequence() + 1 + i;
            UUID id = UUID.randomUUID();
            String hash = CanonicalForm.hash(prev, sequence, id, at, json.get(i));
            rows.add(new Object[] {sequence, id, LogRows.utc(at), json.get(i), prev, hash,
                    entry.resident().map(r -> r.value()).orElse(null), entry.actor().id(),
                    entry.actor().organisation().orElse(null), entry.purpose().map(p -> p.code()).orElse(null),
                    entry.decision().name(), entry.actor().client().orElse(null), entry.action().name(),
                    entry.emergency(), entry.requestId()});
            logged.add(new LoggedEntry(sequence, id, at, entry, hash));
            prev = hash;
        }
        jdbc.batchUpdate(INSERT, rows);
        jdbc.batchUpdate("INSERT INTO cp_access_log_outbox (sequence) VALUES (?)",
                logged.stream().map(l -> new Object[] {l.sequence()}).toList());
        jdbc.update("UPDATE cp_access_log_head SET sequence = ?, hash = ?, logged_at = ? WHERE id = 1",
                head.sequence() + entries.size(), prev, LogRows.utc(at));
        LoggedEntry newest = logged.get(logged.size() - 1);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                guarded("entries committed but not witnessed", () -> {
                    witnessing.witness(head, newest);
                    return null;
                });
                schedule.afterCommit(newest);
            }
        });
        return logged;
    }

    /** Signs the head now (an auditor's request, shutdown, a scheduled job). */
    public Optional<Checkpoint> checkpoint() {
        return schedule.now();
    }

    private void ensurePartitions() {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        Instant now = clock.instant();
        int year = now.atZone(ZoneOffset.UTC).getYear();
        ensureYear(year);
        if (now.plus(Duration.ofDays(31)).atZone(ZoneOffset.UTC).getYear() > year) {
            ensureYear(year + 1);
        }
    }

    private void ensureYear(int year) {
        if (ensuredYears.add(year)) {
            try {
                jdbc.queryForList("SELECT cp_access_log_ensure_year(?)", year);
            } catch (RuntimeException e) {
                ensuredYears.remove(year);
                throw e;
            }
        }
    }

    @Override
    public List<LoggedEntry> pending(int max) {
        return guarded("outbox unreadable", () -> jdbc.query("SELECT " + LogRows.COLUMNS
                + " FROM cp_access_log_outbox o JOIN cp_access_log l ON l.sequence = o.sequence"
                + " ORDER BY o.sequence LIMIT ?", LogRows.LOGGED, max));
    }

    @Override
    public void acknowledge(List<Long> sequences) {
        guarded("outbox not acknowledged", () -> jdbc.batchUpdate("DELETE FROM cp_access_log_outbox WHERE sequence = ?",
                sequences.stream().map(s -> new Object[] {s}).toList()));
    }

    @Override
    public List<LoggedEntry> range(long fromSequence, long toSequence) {
        return guarded("log unreadable", () -> jdbc.query("SELECT " + LogRows.COLUMNS + " FROM cp_access_log l"
                + " WHERE l.sequence >= ? AND l.sequence < ? ORDER BY l.sequence", LogRows.LOGGED, fromSequence, toSequence));
    }

    @Override
    public long headSequence() {
        return guarded("log unreadable", () -> Head.sequence(jdbc));
    }

    private static <T> T guarded(String message, Supplier<T> work) {
        try {
            return work.get();
        } catch (AccessLogUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AccessLogUnavailableException(message, e);
        }
    }
}
