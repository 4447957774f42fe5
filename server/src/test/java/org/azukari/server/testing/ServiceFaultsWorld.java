package org.azukari.server.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.azukari.trustbank.testing.FaultProxy;
import org.azukari.trustbank.testing.OpenBaoServer;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.RequiredEnv;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole bank on PostgreSQL (a schema of its own), a private non-dev OpenBao and the shared
 * Elasticsearch, each of the last two reached through a {@link FaultProxy} a test can slow down,
 * hold or cut. One application context for every fault test of these services (the context is
 * cached by this configuration); the services are closed when the test JVM ends, after the
 * context that uses them.
 */
public abstract class ServiceFaultsWorld extends FaultScenes {

    public static final PostgresDatabase DATABASE = new PostgresDatabase();
    public static final OpenBaoServer BAO = OpenBaoServer.startFresh(Path.of(RequiredEnv.get("AZUKARI_IT_BAO_BIN")),
            Path.of(RequiredEnv.get("AZUKARI_IT_VAULT_POLICY_FILE")));
    public static final FaultProxy VAULT = FaultProxy.to(BAO.address());
    public static final URI ELASTICSEARCH = URI.create(RequiredEnv.get("AZUKARI_IT_ES_URL"));
    public static final FaultProxy INDEX = FaultProxy.to(ELASTICSEARCH);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            VAULT.close();
            INDEX.close();
            DATABASE.close();
        }, "service-faults-cleanup"));
    }

    @DynamicPropertySource
    public static void services(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("azukari-service-faults");
        registry.add("azukari.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("azukari.trust-bank.key-vault.kind", () -> "vault");
        registry.add("azukari.trust-bank.key-vault.vault.address", () -> VAULT.address(BAO.address()).toString());
        registry.add("azukari.trust-bank.key-vault.vault.auth", () -> "token");
        registry.add("azukari.trust-bank.key-vault.vault.token", () -> BAO.createToken(OpenBaoServer.BANK_POLICY));
        registry.add("azukari.trust-bank.key-vault.vault.open-timeout", () -> "1s");
        registry.add("azukari.trust-bank.key-vault.vault.read-timeout", () -> "2s");
        registry.add("azukari.access-log.elasticsearch.url", () -> INDEX.address(ELASTICSEARCH).toString());
        registry.add("azukari.access-log.elasticsearch.index-prefix", () -> "it-service-faults-" + System.nanoTime());
        registry.add("azukari.access-log.elasticsearch.connect-timeout", () -> "1s");
        registry.add("azukari.access-log.elasticsearch.socket-timeout", () -> "5s");
        registry.add("azukari.access-log.elasticsearch.max-backoff", () -> "2s");
    }
}
