package org.azukari.accesslog.search;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.azukari.accesslog.AccessLogOutbox;
import org.azukari.consent.api.LoggedEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Copies the outbox into the search index on one scheduled thread: take up to a batch of
 * pending entries, bulk-index them, acknowledge only those the index confirmed. At least once:
 * an entry leaves the outbox only after the index holds it; a repeat after a crash between
 * indexing and acknowledging rewrites the same document (idempotent by entry id).
 *
 * <p>While the index (or the outbox's database) cannot be reached, it backs off exponentially
 * up to a bound, logs the outage once and its end once, and drops nothing: entries wait in the
 * outbox. After an outage the template is installed again before the next write.
 */
public final class OutboxIndexer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxIndexer.class);

    private final AccessLogOutbox outbox;
    private final EntryWriter writer;
    private final int batchSize;
    private final Duration pollInterval;
    private final Backoff backoff;
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    /** One pass at a time (scheduled or called); separate from the lifecycle's lock so stop() never waits on I/O. */
    private final Object pass = new Object();
    private ScheduledExecutorService scheduler;
    private volatile boolean prepared;
    private volatile boolean running;

    OutboxIndexer(AccessLogOutbox outbox, EntryWriter writer, int batchSize, Duration pollInterval, Duration maxBackoff) {
        this.outbox = outbox;
        this.writer = writer;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.backoff = new Backoff(pollInterval, maxBackoff);
    }

    /**
     * One pass: indexes and acknowledges batches until the outbox has fewer than a batch left.
     *
     * @return how many entries were acknowledged
     * @throws IOException when the index cannot be reached; nothing is acknowledged for that batch
     */
    public int drain() throws IOException {
        synchronized (pass) {
            return drainBatches();
        }
    }

    private int drainBatches() throws IOException {
        if (!prepared) {
            writer.prepare();
            prepared = true;
        }
        int total = 0;
        while (true) {
            List<LoggedEntry> pending = outbox.pending(batchSize);
            if (pending.isEmpty()) {
                return total;
            }
            Set<Long> done = writer.write(pending);
            List<Long> acknowledged = pending.stream().map(LoggedEntry::sequence).filter(done::contains).toList();
            if (!acknowledged.isEmpty()) {
                outbox.acknowledge(acknowledged);
            }
            total += acknowledged.size();
            indexed.addAndGet(acknowledged.size());
            if (acknowledged.size() < pending.size()) {
                // some were refused: they stay in the outbox; back off instead of spinning on them
                throw new IOException("CP-0154 " + (pending.size() - acknowledged.size()) + " of " + pending.size()
                        + " entries refused by the index");
            }
            if (pending.size() < batchSize) {
                return total;
            }
        }
    }

    /**
     * Re-indexes the whole log from the system of record, {@code range(1, head + 1)} a batch at a
     * time: after the index was lost or its mapping changed. Idempotent; the outbox is untouched.
     *
     * @return how many entries were indexed
     */
    public long rebuild() throws IOException {
        synchronized (pass) {
            return rebuildAll();
        }
    }

    private long rebuildAll() throws IOException {
        writer.prepare();
        prepared = true;
        long head = outbox.headSequence();
        long count = 0;
        for (long from = 1; from <= head; from += batchSize) {
            List<LoggedEntry> batch = outbox.range(from, Math.min(from + batchSize, head + 1));
            Set<Long> done = writer.write(batch);
            if (done.size() < batch.size()) {
                throw new IOException("CP-0155 rebuild stopped at sequence " + from + ": entries refused by the index");
            }
            count += batch.size();
        }
        log.info("access-log search index rebuilt: {} entries up to sequence {}", count, head);
        return count;
    }

    /** Entries acknowledged since start. */
    public long indexedCount() {
        return indexed.get();
    }

    /** Passes that failed since start (the index or the outbox unreachable, or entries refused). */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-log-indexer");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        scheduler.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor;
        synchronized (this) {
            running = false;
            executor = scheduler;
            scheduler = null;
        }
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void tick() {
        Duration next;
        try {
            drain();
            if (backoff.failures() > 0) {
                log.info("access-log indexing resumed after {} failed attempts", backoff.failures());
            }
            backoff.succeeded();
            next = pollInterval;
        } catch (IOException | RuntimeException e) {
            failedAttempts.incrementAndGet();
            prepared = false;
            if (backoff.failures() == 0) {
                // once per outage; entries wait in the outbox meanwhile
                log.warn("access-log indexing paused, entries wait in the outbox: {}: {}", e.getClass().getSimpleName(),
                        e.getMessage());
            }
            next = backoff.failed();
        }
        synchronized (this) {
            if (running && scheduler != null) {
                scheduler.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
