package org.azukari.trustbank.keys.vault;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Authentication;

/**
 * One transit key per resident, at scale: creates N {@code rk-*} keys and wraps one data key
 * under each, then measures unwrap latency for a hot set of 100 keys and for keys drawn
 * uniformly from all N (mostly cold for transit's key cache). Prints keys/s, the vault's RSS
 * at 0, 10k, 50k and 100k keys, p50/p95/p99 and the transit {@code cache-config} in force.
 *
 * <p>Point it at a throw-away vault (it leaves the keys behind):
 * {@code AZUKARI_BENCH_VAULT_ADDR}, {@code AZUKARI_BENCH_VAULT_TOKEN} (a token that may also read
 * {@code transit/cache-config}, e.g. the dev root token), optional {@code AZUKARI_BENCH_BAO_PID}.
 * Arguments: keys (100000), threads (8), time budget in minutes (60); the run stops by itself
 * when the budget is spent and reports what it has.
 */
public final class VaultKeyScaleBenchmark {

    private static final int HOT_KEYS = 100;
    private static final int SAMPLES = 5_000;
    private static final int[] RSS_POINTS = {10_000, 50_000, 100_000};

    private final VaultTransitKeyVault vault;
    private final String baoPid;
    private final int threads;
    private final long deadline;
    private final KeyId[] keys;
    private final KeyContext[] contexts;
    private final WrappedKey[] wrapped;

    private VaultKeyScaleBenchmark(VaultTransitKeyVault vault, String baoPid, int count, int threads, Duration budget) {
        this.vault = vault;
        this.baoPid = baoPid;
        this.threads = threads;
        this.deadline = System.nanoTime() + budget.toNanos();
        this.keys = new KeyId[count];
        this.contexts = new KeyContext[count];
        this.wrapped = new WrappedKey[count];
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Duration budget = Duration.ofMinutes(args.length > 2 ? Long.parseLong(args[2]) : 60);
        URI address = URI.create(requiredEnv("AZUKARI_BENCH_VAULT_ADDR"));
        String token = requiredEnv("AZUKARI_BENCH_VAULT_TOKEN");
        VaultTransitKeyVault vault = new VaultTransitKeyVault(new VaultKeyVaultSettings(address, "transit",
                Authentication.token(token), Duration.ofSeconds(2), Duration.ofSeconds(30)));
        VaultKeyScaleBenchmark benchmark = new VaultKeyScaleBenchmark(vault, System.getenv("AZUKARI_BENCH_BAO_PID"), count, threads, budget);

        System.out.printf(Locale.ROOT, "vault %s, %d keys, %d threads, budget %s%n", address, count, threads, budget);
        VaultAdmin.Answer cache = new VaultAdmin(address, token).call("GET", "transit/cache-config", null);
        System.out.println("transit cache-config: " + (cache.status() == 200 ? "size=" + cache.data().get("size") : "status " + cache.status()));
        benchmark.run();
    }

    private void run() throws InterruptedException {
        System.out.println("vault RSS at 0 keys: " + rss());
        long start = System.nanoTime();
        int created = createKeys();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "created %d keys (+1 wrap each) in %.1f s: %.0f keys/s%n", created, seconds, created / seconds);
        if (created < HOT_KEYS) {
            System.out.println("too few keys to measure unwrap latency");
            return;
        }
        measure("warm-up, hot set (not reported)", 1_000, 1, i -> i % HOT_KEYS);
        for (int concurrency : new int[] {1, threads}) {
            report("unwrap, hot set of " + HOT_KEYS + ", " + concurrency + " thread(s)",
                    measure("hot", SAMPLES, concurrency, i -> ThreadLocalRandom.current().nextInt(HOT_KEYS)));
            report("unwrap, uniform over " + created + ", " + concurrency + " thread(s)",
                    measure("cold", SAMPLES, concurrency, i -> ThreadLocalRandom.current().nextInt(created)));
        }
        System.out.println("vault RSS at the end: " + rss());
    }

    /** Creates keys in parallel until all exist or the budget is spent; returns how many (then the arrays' prefix). */
    private int createKeys() throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        int step = Math.max(1, keys.length / 10);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < keys.length && System.nanoTime() < deadline && failures.get() < 100;
                        i = next.getAndIncrement()) {
                    try {
                        KeyId key = KeyId.random();
                        KeyContext context = new KeyContext(ResidentId.random(), 1);
                        vault.createKey(key);
                        wrapped[i] = vault.wrap(key, DataKey.generate(), context);
                        contexts[i] = context;
                        keys[i] = key;
                    } catch (RuntimeException e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.out.println("create failed: " + e + (e.getCause() == null ? "" : ", cause: " + e.getCause()));
                        }
                    }
                    int n = done.incrementAndGet();
                    if (n % step == 0 || Arrays.binarySearch(RSS_POINTS, n) >= 0) {
                        System.out.printf(Locale.ROOT, "  %d keys (%d%%), vault RSS %s%n", n, 100L * n / keys.length, rss());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS); // bounded by the deadline checked in the loop
        if (System.nanoTime() >= deadline) {
            System.out.println("time budget spent: stopped creating keys early");
        }
        int usable = 0;
        for (int i = 0; i < keys.length; i++) { // move the keys that were made to the front
            if (keys[i] != null) {
                keys[usable] = keys[i];
                contexts[usable] = contexts[i];
                wrapped[usable++] = wrapped[i];
            }
        }
        System.out.println("failures: " + failures.get());
        return usable;
    }

    /** Latencies in nanoseconds of {@code samples} unwraps, made by {@code concurrency} threads at once. */
    private long[] measure(String phase, int samples, int concurrency, IntUnaryOperator pick) throws InterruptedException {
        long[] latencies = new long[samples];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                for (int s = next.getAndIncrement(); s < samples && System.nanoTime() < deadline; s = next.getAndIncrement()) {
                    int i = pick.applyAsInt(s);
                    long start = System.nanoTime();
                    DataKey key = vault.unwrap(keys[i], wrapped[i], contexts[i]);
                    latencies[s] = System.nanoTime() - start;
                    if (key.keyBytes().length != DataKey.LENGTH) {
                        throw new IllegalStateException(phase + ": wrong key length");
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        return Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
    }

    private static void report(String what, long[] sorted) {
        if (sorted.length == 0) {
            System.out.println(what + ": no samples (time budget spent)");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %d calls, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, sorted.length,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private String rss() {
        if (baoPid == null || baoPid.isBlank()) {
            return "n/a (set AZUKARI_BENCH_BAO_PID)";
        }
        try {
            // RssFile is mostly the storage's memory-mapped files (raft's bbolt), RssAnon the heap.
            Map<String, String> status = Files.readAllLines(Path.of("/proc", baoPid.trim(), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:"))
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                            line -> line.substring(line.indexOf(':') + 1).trim()));
            return status.get("VmRSS") + " (anon " + status.get("RssAnon") + ", file " + status.get("RssFile") + ")";
        } catch (IOException e) {
            return "n/a (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
