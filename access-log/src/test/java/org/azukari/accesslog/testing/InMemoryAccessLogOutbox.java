package org.azukari.accesslog.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.azukari.accesslog.AccessLogOutbox;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.LoggedEntry;

/**
 * The log and its outbox in memory, with the real contract: sequences from 1 without gaps,
 * pending oldest first until acknowledged, the whole log kept for {@link #range}. The "hash"
 * is a stand-in (hex of the sequence), not a chain. Thread-safe.
 */
public final class InMemoryAccessLogOutbox implements AccessLogOutbox {

    private final Clock clock;
    private final List<LoggedEntry> log = new ArrayList<>();
    private final TreeMap<Long, LoggedEntry> pending = new TreeMap<>();

    public InMemoryAccessLogOutbox(Clock clock) {
        this.clock = clock;
    }

    public InMemoryAccessLogOutbox() {
        this(Clock.systemUTC());
    }

    public synchronized LoggedEntry append(AccessLogEntry entry) {
        return append(entry, clock.instant());
    }

    /** Appends with a given time, e.g. to fill months long past. */
    public synchronized LoggedEntry append(AccessLogEntry entry, Instant at) {
        long sequence = log.size() + 1L;
        LoggedEntry logged = new LoggedEntry(sequence, UUID.randomUUID(), at, entry,
                HexFormat.of().toHexDigits(sequence) + "0".repeat(48));
        log.add(logged);
        pending.put(sequence, logged);
        return logged;
    }

    /** Puts an entry back in the outbox, as if its acknowledgement had been lost (a crash before commit). */
    public synchronized void requeue(long sequence) {
        pending.put(sequence, log.get((int) sequence - 1));
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    @Override
    public synchronized List<LoggedEntry> pending(int max) {
        return pending.values().stream().limit(max).toList();
    }

    @Override
    public synchronized void acknowledge(List<Long> sequences) {
        sequences.forEach(pending::remove);
    }

    @Override
    public synchronized List<LoggedEntry> range(long fromSequence, long toSequence) {
        int from = (int) Math.max(1, fromSequence) - 1;
        int to = (int) Math.min(log.size(), Math.max(0, toSequence - 1));
        return from >= to ? List.of() : List.copyOf(log.subList(from, to));
    }

    @Override
    public synchronized long headSequence() {
        return log.size();
    }
}
