package org.azukari.trustbank.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitKeyVault;
import org.azukari.trustbank.records.PendingRecord;
import org.azukari.trustbank.records.jdbc.JdbcRecordStore;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Store and read throughput of the trust bank, on the same data in one run:
 * no encryption (the same store path with the plaintext as "envelope": the baseline),
 * the local key vault, and OpenBao transit. Reads are measured with a warm key cache and
 * with a cold one (every read unwraps its data key in the vault).
 *
 * <p>A first baseline round warms the JIT and is not reported. Run with {@code infra/bench} (README, "Benchmark"). Arguments: records (default 20000),
 * residents (200), batch size (50). Database: PostgreSQL if {@code AZUKARI_IT_PG_URL} is
 * set, else an H2 file. OpenBao: {@code AZUKARI_IT_VAULT_ADDR} and {@code AZUKARI_IT_VAULT_TOKEN}.
 */
public final class CustodyBenchmark {

    private final int records;
    private final int residents;
    private final int batch;
    private final List<RecordContent> contents = new ArrayList<>();

    private CustodyBenchmark(int records, int residents, int batch) {
        this.records = records;
        this.residents = residents;
        this.batch = batch;
        Random random = new Random(42);
        for (int i = 0; i < records; i++) {
            contents.add(RecordContent.ofUtf8(observation(random)));
        }
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int residents = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        new CustodyBenchmark(records, residents, batch).run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("azukari-bench");
        System.out.printf(Locale.ROOT, "records=%d residents=%d batch=%d record-size~%d bytes database=%s%n",
                records, residents, batch, contents.get(0).length(), System.getenv("AZUKARI_IT_PG_URL") != null
                        ? "PostgreSQL" : "H2 file");
        storeBaseline(dataSource(work, "warmup"));
        double baseline = storeBaseline(dataSource(work, "baseline"));
        System.out.printf(Locale.ROOT, "%-24s %10.0f records/s  (ratio 1.00)%n", "store, no encryption", baseline);
        measure("local key vault", EmbeddedBank.localVault(work), work, baseline);
        String vaultAddress = System.getenv("AZUKARI_IT_VAULT_ADDR");
        if (vaultAddress == null) {
            System.out.println("OpenBao: AZUKARI_IT_VAULT_ADDR not set, not measured (infra/bench sets it)");
        } else {
            measure("OpenBao transit", new VaultTransitKeyVault(VaultKeyVaultSettings.of(URI.create(vaultAddress),
                    VaultKeyVaultSettings.Authentication.token(System.getenv("AZUKARI_IT_VAULT_TOKEN")))), work, baseline);
        }
    }

    private void measure(String name, KeyVault vault, Path work, double baseline) {
        EmbeddedBank bank = new EmbeddedBank(dataSource(work, name.replace(' ', '_')), vault,
                work.resolve(name.replace(' ', '_') + "-erasures.txt"));
        List<ResidentId> ids = enrol(bank);
        List<List<RecordToStore>> batches = batches(ids.size());
        long start = System.nanoTime();
        for (int b = 0; b < batches.size(); b++) {
            bank.bank.storeAll(ids.get(b % ids.size()), batches.get(b));
        }
        double stored = records / seconds(start);
        System.out.printf(Locale.ROOT, "%-24s %10.0f records/s  (ratio %.2f)%n", "store, " + name, stored,
                stored / baseline);
        List<RecordId> sample = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            sample.add(batches.get(b).get(0).id());
        }
        start = System.nanoTime();
        int reads = 0;
        for (int round = 0; round < 5; round++) {
            for (int b = 0; b < sample.size(); b++) {
                bank.bank.read(ids.get(b % ids.size()), sample.get(b));
                reads++;
            }
        }
        System.out.printf(Locale.ROOT, "%-24s %10.0f reads/s%n", "read warm, " + name, reads / seconds(start));
        start = System.nanoTime();
        for (int b = 0; b < sample.size(); b++) {
            bank.cache.forgetAll();
            bank.bank.read(ids.get(b % ids.size()), sample.get(b));
        }
        System.out.printf(Locale.ROOT, "%-24s %10.0f reads/s%n", "read cold, " + name, sample.size() / seconds(start));
    }

    private double storeBaseline(DataSource dataSource) {
        EmbeddedBank.migrate(dataSource);
        JdbcRecordStore store = new JdbcRecordStore(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<ResidentId> ids = new ArrayList<>();
        for (int r = 0; r < residents; r++) {
            ResidentId id = ResidentId.random();
            jdbc.update("INSERT INTO tb_resident_keyring VALUES (?, ?, 1, CURRENT_TIMESTAMP)", id.value(),
                    org.azukari.trustbank.keys.KeyId.random().value());
            ids.add(id);
        }
        List<List<RecordToStore>> batches = batches(ids.size());
        long start = System.nanoTime();
        for (int b = 0; b < batches.size(); b++) {
            List<RecordToStore> records = batches.get(b);
            List<PendingRecord> pending = records.stream()
                    .map(r -> new PendingRecord(r.id(), r.type(), r.category(), java.util.Optional.empty())).toList();
            store.append(ids.get(b % ids.size()), pending, seal -> records.get(seal.index()).content().plaintextBytes());
        }
        return records / seconds(start);
    }

    private List<ResidentId> enrol(EmbeddedBank bank) {
        List<ResidentId> ids = new ArrayList<>();
        for (int r = 0; r < residents; r++) {
            ResidentId id = ResidentId.random();
            bank.bank.enrol(id);
            ids.add(id);
        }
        return ids;
    }

    private List<List<RecordToStore>> batches(int residentCount) {
        List<List<RecordToStore>> batches = new ArrayList<>();
        List<RecordToStore> current = new ArrayList<>();
        for (RecordContent content : contents) {
            current.add(new RecordToStore(RecordId.random(), new ResourceType("Observation"),
                    org.azukari.consent.api.DataCategory.MEDICAL, content));
            if (current.size() == batch) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
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

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toNanos() / 1e9;
    }

    private static String observation(Random random) {
        StringBuilder note = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            note.append((char) ('a' + random.nextInt(26)));
        }
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"}]},"
                + "\"subject\":{\"reference\":\"Patient/p" + random.nextInt(1_000_000) + "\"},"
                + "\"effectiveDateTime\":\"2026-" + (10 + random.nextInt(3)) + "-" + (10 + random.nextInt(18)) + "\","
                + "\"valueQuantity\":{\"value\":" + (5 + random.nextInt(40) / 10.0) + ",\"unit\":\"%\","
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"},"
                + "\"performer\":[{\"reference\":\"Organization/o" + random.nextInt(500) + "\"}],"
                + "\"note\":[{\"text\":\"" + note + " " + note + " " + note + " " + note + "\"}],"
                + "\"referenceRange\":[{\"low\":{\"value\":4.6,\"unit\":\"%\"},\"high\":{\"value\":6.2,\"unit\":\"%\"}}]}";
    }
}
