package org.azukari.accesslog;

import java.util.List;
import org.azukari.consent.api.LoggedEntry;

/**
 * The seam between the log (system of record) and its search index. Every appended entry is
 * also put in an outbox in the same transaction; the indexer takes entries from it, indexes
 * them (idempotently, by entry id), and only then acknowledges them. Nothing is lost while the
 * index is down: entries wait here.
 */
public interface AccessLogOutbox {

    /** Up to {@code max} entries not yet acknowledged, oldest first. */
    List<LoggedEntry> pending(int max);

    /** Removes these sequences from the outbox once the index holds them. */
    void acknowledge(List<Long> sequences);

    /** Entries with {@code fromSequence <= sequence < toSequence}, for rebuilding the index. */
    List<LoggedEntry> range(long fromSequence, long toSequence);

    /** The highest sequence in the log, 0 when empty. */
    long headSequence();
}
