package org.azukari.accesslog.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.ResidentId;

/**
 * Appends per second with the hash chain, checkpoints every 1000 (reported, not a timed test).
 * H2 by default; the PostgreSQL that {@code infra/} started when {@code AZUKARI_IT_PG_URL} is set.
 * Run: {@code ./mvnw -pl access-log test-compile exec:java} is not wired; use the IDE or
 * {@code java -cp target/test-classes:target/classes:<deps> org.azukari.accesslog.jdbc.AccessLogBenchmark}.
 */
public final class AccessLogBenchmark {

    private AccessLogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("access-log-benchmark");
        boolean postgres = System.getenv("AZUKARI_IT_PG_URL") != null;
        CheckpointPolicy policy = new CheckpointPolicy(1000, Duration.ofSeconds(60));
        PostgresLog database = postgres ? new PostgresLog(directory, policy) : null;
        LogFixture fixture = postgres ? database.fixture : h2(directory, policy);
        try {
            ResidentId resident = ResidentId.random();
            LogFixture log = fixture;
            report("warm-up", 500, () -> IntStream.range(0, 500).forEach(i -> log.log.append(Entries.read(resident, i))));
            report("single appends, 1 thread", 3000,
                    () -> IntStream.range(0, 3000).forEach(i -> log.log.append(Entries.read(resident, i))));
            report("single appends, 8 threads", 8 * 40 * 2 * 5, () -> {
                try {
                    ConcurrentAppends.run(log.log, 8, 40 * 5, resident);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<AccessLogEntry> batch = IntStream.range(0, 100).mapToObj(i -> Entries.read(resident, i)).toList();
            report("batches of 100, 1 thread", 200 * 100, () -> IntStream.range(0, 200).forEach(i -> log.log.appendAll(batch)));
            long start = System.nanoTime();
            ChainVerification verification = log.verifier.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: verify %d entries, %d checkpoints: %s in %.2f s (%.0f entries/s)%n",
                    postgres ? "PostgreSQL" : "H2", verification.entriesChecked(), verification.checkpointsChecked(),
                    verification.finding(), seconds, verification.entriesChecked() / seconds);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private static LogFixture h2(Path directory, CheckpointPolicy policy) {
        javax.sql.DataSource dataSource = LogFixture.h2(directory);
        LogFixture.migrate(dataSource, "h2");
        return new LogFixture(dataSource, dataSource, directory, policy);
    }

    private static void report(String what, int entries, Runnable work) {
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-28s %7d entries in %6.2f s: %8.0f appends/s%n", what, entries, seconds, entries / seconds);
    }
}
