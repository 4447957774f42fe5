package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.ResidentId;
import org.azukari.accesslog.testing.InMemoryAccessLogOutbox;

/**
 * Indexing lag under append load: entries are appended to an in-memory outbox at a fixed rate
 * while the real indexer (default settings unless given) feeds the Elasticsearch at
 * {@code AZUKARI_IT_ES_URL}; a watcher searches the alias for the highest visible sequence every
 * 10 ms. An entry's lag is from its append to the first moment a search returns it (one shard
 * per month and one ordered writer, so what is visible is always a prefix of the log). It
 * includes the poll interval, the bulk request and the index's 1 s refresh interval.
 *
 * <p>Arguments: rate per second (default 200), seconds (20), poll interval ms (500), batch (500).
 */
public final class IndexingLagBenchmark {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Duration poll = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 500);
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        try (ItElasticsearch es = ItElasticsearch.shared()) {
            run(es, rate, seconds, poll, batch);
        }
    }

    private static void run(ItElasticsearch es, int rate, int seconds, Duration poll, int batch) throws Exception {
        InMemoryAccessLogOutbox outbox = new InMemoryAccessLogOutbox();
        OutboxIndexer indexer = new OutboxIndexer(outbox, new ElasticsearchEntryWriter(es.client, es.names), batch, poll,
                Duration.ofSeconds(5));
        int total = rate * seconds;
        long[] appendedAt = new long[total + 1];
        long[] visibleAt = new long[total + 1];
        AtomicLong appended = new AtomicLong();
        ResidentId[] residents = new ResidentId[100];
        Arrays.setAll(residents, i -> ResidentId.random());
        indexer.drain(); // installs the template before the clock starts
        indexer.start();
        ScheduledExecutorService appender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "appender");
            thread.setDaemon(true);
            return thread;
        });
        int perTick = Math.max(1, rate / 100);
        long tickMicros = 1_000_000L * perTick / rate;
        appender.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick && appended.get() < total; i++) {
                long before = System.nanoTime();
                long seq = outbox.append(SampleEntries.read(residents[(int) (appended.get() % residents.length)],
                        "doctor-" + (appended.get() % 50), "clinic-a", "treatment", AccessDecision.PERMIT)).sequence();
                appendedAt[(int) seq] = before;
                appended.incrementAndGet();
            }
        }, 0, tickMicros, TimeUnit.MICROSECONDS);
        long seen = 0;
        int searchErrors = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60L).toNanos();
        while (seen < total && System.nanoTime() < deadline) {
            SearchResponse<AccessLogDocument> top;
            try {
                top = es.client.search(s -> s.index(es.names.alias()).size(1)
                        .sort(o -> o.field(f -> f.field("sequence").order(SortOrder.Desc)))
                        .ignoreUnavailable(true).allowNoIndices(true), AccessLogDocument.class);
            } catch (IOException | ElasticsearchException e) {
                searchErrors++; // e.g. 503 while a new month's index is being allocated
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                continue;
            }
            long now = System.nanoTime();
            long visible = top.hits().hits().isEmpty() ? 0 : top.hits().hits().get(0).source().sequence();
            for (long s = seen + 1; s <= visible; s++) {
                visibleAt[(int) s] = now;
            }
            seen = Math.max(seen, visible);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        appender.shutdownNow();
        appender.awaitTermination(10, TimeUnit.SECONDS);
        indexer.stop();
        long[] lags = new long[(int) seen];
        for (int s = 1; s <= seen; s++) {
            lags[s - 1] = visibleAt[s] - appendedAt[s];
        }
        Arrays.sort(lags);
        System.out.printf(Locale.ROOT, "rate=%d/s seconds=%d poll=%dms batch=%d entries=%d visible=%d failed-passes=%d search-errors=%d%n",
                rate, seconds, poll.toMillis(), batch, total, seen, indexer.failedAttempts(), searchErrors);
        System.out.printf(Locale.ROOT, "lag until searchable: p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                ms(lags, 0.50), ms(lags, 0.95), ms(lags, 0.99), lags.length == 0 ? -1 : lags[lags.length - 1] / 1_000_000);
    }

    private static long ms(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1_000_000;
    }
}
