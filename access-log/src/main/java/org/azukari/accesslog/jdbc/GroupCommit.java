package org.azukari.accesslog.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;

/**
 * Combines single appends from concurrent callers into one transaction: each caller queues its
 * entry and takes the lock; whoever holds it writes everything queued so far (up to
 * {@link #MAX_BATCH}) with one batch and hands each caller its own result or failure. A caller
 * returns only once its own entry is committed, or throws if its batch failed: fail-closed per
 * entry, as without combining. Order within a batch is queue order.
 */
final class GroupCommit {

    static final int MAX_BATCH = 500;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final Function<List<AccessLogEntry>, List<LoggedEntry>> appendAll;

    GroupCommit(Function<List<AccessLogEntry>, List<LoggedEntry>> appendAll) {
        this.appendAll = appendAll;
    }

    LoggedEntry append(AccessLogEntry entry) {
        Pending mine = new Pending(entry);
        queue.add(mine);
        while (!mine.done) {
            writer.lock();
            try {
                if (!mine.done) {
                    writeQueued();
                }
            } finally {
                writer.unlock();
            }
        }
        if (mine.failure != null) {
            throw new AccessLogUnavailableException("entry could not be appended", mine.failure);
        }
        return mine.logged;
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        try {
            List<LoggedEntry> logged = appendAll.apply(batch.stream().map(p -> p.entry).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).logged = logged.get(i);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.failure = e);
        } finally {
            batch.forEach(p -> p.done = true);
        }
    }

    /** Written by the lock holder; {@code done} is written last and volatile, so its owner sees the rest. */
    private static final class Pending {
        private final AccessLogEntry entry;
        private LoggedEntry logged;
        private RuntimeException failure;
        private volatile boolean done;

        Pending(AccessLogEntry entry) {
            this.entry = entry;
        }
    }
}
