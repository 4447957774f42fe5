package org.azukari.accesslog.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.accesslog.CheckpointFile;
import org.azukari.accesslog.HeadWitness;
import org.azukari.consent.testing.MutableClock;
import org.azukari.accesslog.TestSigner;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One access log wired like the application wires it: migrated by Flyway from the vendor
 * folder as the owner, run over {@code runtime} (the same data source on H2, a restricted role
 * on PostgreSQL), with a real ECDSA signer, a checkpoint file in a temporary directory and a
 * clock the test moves. {@link #owner} is what a tampering administrator would use.
 */
final class LogFixture {

    static final Instant START = Instant.parse("2026-11-26T10:00:00.123456Z");

    final MutableClock clock = new MutableClock(START);
    final TestSigner signer = new TestSigner();
    final JdbcTemplate owner;
    final DataSource runtime;
    final CheckpointFile file;
    final HeadWitness witness;
    final Checkpointer checkpointer;
    final JdbcAccessLog log;
    final JdbcAccessLogVerifier verifier;

    LogFixture(DataSource ownerDataSource, DataSource runtime, Path directory, CheckpointPolicy policy) {
        this.owner = new JdbcTemplate(ownerDataSource);
        this.runtime = runtime;
        this.file = new CheckpointFile(directory.resolve("checkpoints").resolve("access-log-checkpoints.txt"));
        this.witness = new HeadWitness(directory.resolve("checkpoints").resolve("access-log-head-witness"));
        this.checkpointer = new Checkpointer(runtime, signer, file, clock);
        this.log = new JdbcAccessLog(runtime, checkpointer, policy, witness, clock);
        this.verifier = new JdbcAccessLogVerifier(runtime, signer, file, witness);
    }

    static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/accesslog/" + vendor)
                .load().migrate();
    }

    /** Migrates only up to {@code version}, as a bank of that release had it. */
    static void migrateTo(DataSource dataSource, String vendor, String version) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/accesslog/" + vendor)
                .target(version).load().migrate();
    }

    static DataSource h2(Path directory) {
        return new DriverManagerDataSource("jdbc:h2:file:" + directory.resolve("log-" + UUID.randomUUID())
                .toAbsolutePath() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** An H2 log checkpointing every {@code every} entries. */
    static LogFixture h2(Path directory, int every) {
        DataSource dataSource = h2(directory);
        migrate(dataSource, "h2");
        return new LogFixture(dataSource, dataSource, directory,
                new CheckpointPolicy(every, java.time.Duration.ofHours(1)));
    }
}
