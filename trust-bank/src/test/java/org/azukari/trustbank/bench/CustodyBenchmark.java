package org.azukari.trustbank.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitKeyVault;
import org.azukari.trustbank.records.PendingRecord;
import org.azukari.trustbank.records.jdbc.JdbcRecordStore;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Store and read throughput of the trust bank on the same data in one run: no encryption
 * (the same store path with the plaintext as "envelope": the baseline), the local key vault,
 * and OpenBao transit. The modes take turns batch by batch, so drift in the database or the
 * machine (checkpoints, vacuum, other load) falls on all of them alike. Stores are measured
 * with a warm key cache and with a cold one (the cache emptied before every batch); reads
 * likewise (cold: every read unwraps its data key in the vault).
 *
 * <p>Run with {@code infra/bench} (docs/benchmarks.md). Arguments: records (default 60000),
 * residents (200), batch size (50). Database: PostgreSQL if {@code AZUKARI_IT_PG_URL} is set,
 * else H2 files. OpenBao: {@code AZUKARI_IT_VAULT_ADDR} and {@code AZUKARI_IT_VAULT_TOKEN}.
 */
public final class CustodyBenchmark {

    private final int residents;
    private final int batchSize;
    private final List<RecordContent> contents = new ArrayList<>();

    private CustodyBenchmark(int records, int residents, int batchSize) {
        this.residents = residents;
        this.batchSize = batchSize;
        Random random = new Random(42);
        for (int i = 0; i < records; i++) {
            contents.add(RecordContent.ofUtf8(SyntheticObservation.json(random)));
        }
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int residents = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        new CustodyBenchmark(records, residents, batch).run();
    }

    private interface Mode {
        String name();

        void store(int batchIndex, List<RecordToStore> batch);
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("azukari-bench");
        boolean postgres = System.getenv("AZUKARI_IT_PG_URL") != null;
        System.out.printf(Locale.ROOT, "records=%d residents=%d batch=%d record-size=%d bytes database=%s cores=%d%n",
                contents.size(), residents, batchSize, contents.get(0).length(), postgres ? "PostgreSQL" : "H2 file",
                Runtime.getRuntime().availableProcessors());
        List<Mode> modes = new ArrayList<>();
        modes.add(baseline(dataSource(work, "baseline")));
        List<Encrypted> encrypted = new ArrayList<>();
        encrypted.add(new Encrypted("local key vault", EmbeddedBank.localVault(work), work));
        String vaultAddress = System.getenv("AZUKARI_IT_VAULT_ADDR");
        if (vaultAddress == null) {
            System.out.println("OpenBao: AZUKARI_IT_VAULT_ADDR not set, not measured (infra/bench sets it)");
        } else {
            encrypted.add(new Encrypted("OpenBao transit", new VaultTransitKeyVault(VaultKeyVaultSettings.of(
                    URI.create(vaultAddress),
                    VaultKeyVaultSettings.Authentication.token(System.getenv("AZUKARI_IT_VAULT_TOKEN")))), work));
        }
        modes.addAll(encrypted);

        List<List<RecordToStore>> batches = batches();
        // every resident's data key is unwrapped once in the warm-up, so the measured part is warm
        int warmup = Math.min(residents, batches.size() / 4);
        interleave(modes, batches.subList(0, warmup));
        long[] nanos = interleave(modes, batches.subList(warmup, batches.size()));
        int measured = (batches.size() - warmup) * batchSize;
        double baseline = measured / (nanos[0] / 1e9);
        System.out.printf(Locale.ROOT, "(first %d batches of each mode were a warm-up, not counted)%n", warmup);
        System.out.printf(Locale.ROOT, "%-34s %9.0f records/s  ratio 1.00%n", "store, no encryption", baseline);
        for (int m = 1; m < modes.size(); m++) {
            double rate = measured / (nanos[m] / 1e9);
            System.out.printf(Locale.ROOT, "%-34s %9.0f records/s  ratio %.2f%n", "store warm, " + modes.get(m).name(),
                    rate, rate / baseline);
        }
        for (Encrypted mode : encrypted) {
            mode.measureColdStores(batches.subList(0, Math.min(100, batches.size())));
            mode.measureReads();
        }
    }

    /** Runs every batch through every mode in turn; returns the nanoseconds each mode spent. */
    private static long[] interleave(List<Mode> modes, List<List<RecordToStore>> batches) {
        long[] nanos = new long[modes.size()];
        for (int b = 0; b < batches.size(); b++) {
            for (int m = 0; m < modes.size(); m++) {
                List<RecordToStore> batch = fresh(batches.get(b));
                long start = System.nanoTime();
                modes.get(m).store(b, batch);
                nanos[m] += System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private Mode baseline(DataSource dataSource) {
        EmbeddedBank.migrate(dataSource);
        JdbcRecordStore store = new JdbcRecordStore(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<ResidentId> ids = new ArrayList<>();
        for (int r = 0; r < residents; r++) {
            ResidentId id = ResidentId.random();
            jdbc.update("INSERT INTO tb_resident_keyring VALUES (?, ?, 1, CURRENT_TIMESTAMP)", id.value(),
                    KeyId.random().value());
            ids.add(id);
        }
        return new Mode() {
            @Override
            public String name() {
                return "no encryption";
            }

            @Override
            public void store(int batchIndex, List<RecordToStore> batch) {
                List<PendingRecord> pending = batch.stream()
                        .map(r -> new PendingRecord(r.id(), r.type(), r.category(), Optional.empty())).toList();
                store.append(ids.get(batchIndex % ids.size()), pending,
                        seal -> batch.get(seal.index()).content().plaintextBytes());
            }
        };
    }

    private final class Encrypted implements Mode {

        private final String name;
        private final EmbeddedBank bank;
        private final List<ResidentId> ids = new ArrayList<>();
        private final List<ResidentId> sampleResidents = new ArrayList<>();
        private final List<RecordId> sample = new ArrayList<>();

        Encrypted(String name, KeyVault vault, Path work) {
            this.name = name;
            String slug = name.replace(' ', '_');
            this.bank = new EmbeddedBank(dataSource(work, slug), vault, work.resolve(slug + "-erasures.txt"));
            for (int r = 0; r < residents; r++) {
                ResidentId id = ResidentId.random();
                bank.bank.enrol(id);
                ids.add(id);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void store(int batchIndex, List<RecordToStore> batch) {
            ResidentId resident = ids.get(batchIndex % ids.size());
            bank.bank.storeAll(resident, batch);
            if (sample.size() < 400) {
                sampleResidents.add(resident);
                sample.add(batch.get(0).id());
            }
        }

        void measureColdStores(List<List<RecordToStore>> batches) {
            long start = System.nanoTime();
            for (int b = 0; b < batches.size(); b++) {
                bank.cache.forgetAll();
                store(b, fresh(batches.get(b)));
            }
            double rate = batches.size() * batchSize / ((System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "%-34s %9.0f records/s  (one vault call per batch of %d)%n",
                    "store cold, " + name, rate, batchSize);
        }

        void measureReads() {
            long start = System.nanoTime();
            int reads = 0;
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < sample.size(); i++) {
                    bank.bank.read(sampleResidents.get(i), sample.get(i));
                    reads++;
                }
            }
            System.out.printf(Locale.ROOT, "%-34s %9.0f reads/s%n", "read warm, " + name,
                    reads / ((System.nanoTime() - start) / 1e9));
            start = System.nanoTime();
            for (int i = 0; i < sample.size(); i++) {
                bank.cache.forgetAll();
                bank.bank.read(sampleResidents.get(i), sample.get(i));
            }
            System.out.printf(Locale.ROOT, "%-34s %9.0f reads/s  (every read unwraps in the vault)%n",
                    "read cold, " + name, sample.size() / ((System.nanoTime() - start) / 1e9));
        }
    }

    private List<List<RecordToStore>> batches() {
        List<List<RecordToStore>> batches = new ArrayList<>();
        for (int from = 0; from + batchSize <= contents.size(); from += batchSize) {
            List<RecordToStore> batch = new ArrayList<>();
            for (RecordContent content : contents.subList(from, from + batchSize)) {
                batch.add(new RecordToStore(RecordId.random(), new ResourceType("Observation"), DataCategory.MEDICAL,
                        content));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** The same contents under new record ids, so that each mode writes first versions. */
    private static List<RecordToStore> fresh(List<RecordToStore> batch) {
        return batch.stream()
                .map(r -> new RecordToStore(RecordId.random(), r.type(), r.category(), r.content()))
                .toList();
    }

    private static DataSource dataSource(Path work, String name) {
        HikariConfig config = new HikariConfig();
        String pg = System.getenv("AZUKARI_IT_PG_URL");
        if (pg != null) {
            String schema = "bench_" + name.toLowerCase(Locale.ROOT) + "_" + System.nanoTime();
            config.setJdbcUrl(pg + "?currentSchema=" + schema);
            config.setUsername(System.getenv("AZUKARI_IT_PG_USER"));
            config.setPassword(System.getenv("AZUKARI_IT_PG_PASSWORD"));
            config.setConnectionInitSql("CREATE SCHEMA IF NOT EXISTS " + schema);
        } else {
            config.setJdbcUrl("jdbc:h2:file:" + work.resolve(name).toAbsolutePath() + ";MODE=PostgreSQL");
        }
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
