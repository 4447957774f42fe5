package org.azukari.trustbank.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.azukari.trustbank.custody.EncryptedTrustBank;
import org.azukari.trustbank.erasure.Eraser;
import org.azukari.trustbank.erasure.ErasureJournal;
import org.azukari.trustbank.erasure.FileErasureLedger;
import org.azukari.trustbank.keys.DataKeyCache;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.local.LocalKeyDirectory;
import org.azukari.trustbank.keys.local.LocalKeyVault;
import org.azukari.trustbank.keys.local.LocalMasterKey;
import org.azukari.trustbank.records.jdbc.JdbcRecordStore;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Assembles a trust bank the way the application does, for tests, over any data source and key vault. */
public final class EmbeddedBank {

    public final DataSource dataSource;
    public final JdbcRecordStore store;
    public final KeyVault vault;
    public final DataKeyCache cache;
    public final FileErasureLedger ledger;
    public final RecordingAccessLog accessLog = new RecordingAccessLog();
    public final Eraser eraser;
    public final EncryptedTrustBank bank;

    public EmbeddedBank(DataSource dataSource, KeyVault vault, Path ledgerFile) {
        this.dataSource = dataSource;
        migrate(dataSource);
        this.store = new JdbcRecordStore(dataSource);
        this.vault = vault;
        this.cache = new DataKeyCache(1_000, Duration.ofMinutes(10));
        this.ledger = new FileErasureLedger(ledgerFile);
        this.eraser = new Eraser(store, vault, cache, new ErasureJournal(ledger, accessLog), Clock.systemUTC());
        this.bank = new EncryptedTrustBank(store, vault, cache, eraser);
    }

    /**
     * The trust bank's migrations only; a database that other modules migrated into the same
     * history (as a test world does) keeps theirs, which this run does not know of.
     */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/trustbank")
                .ignoreMigrationPatterns("*:missing", "*:future").load().migrate();
    }

    public static DataSource h2File(Path directory) {
        return new DriverManagerDataSource(
                "jdbc:h2:file:" + directory.resolve("azukari").toAbsolutePath() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** A local key vault over {@code <directory>/keys}, made empty if it is not there (as a first start does). */
    public static LocalKeyVault localVault(Path directory) {
        LocalKeyDirectory keys = new LocalKeyDirectory(directory.resolve("keys"),
                LocalMasterKey.fromFile(directory.resolve("master.key"), true));
        keys.createEmpty();
        return new LocalKeyVault(keys);
    }
}
