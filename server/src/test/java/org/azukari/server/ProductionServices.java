package org.azukari.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.RequiredEnv;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The bank's properties for a test against the services infra/test runs: PostgreSQL (a schema
 * of its own), OpenBao with the bank's AppRole and policy, Elasticsearch (an index prefix of
 * its own). Each property fails the test when its service's variable is missing.
 */
public final class ProductionServices {

    private ProductionServices() {
    }

    public static void register(DynamicPropertyRegistry registry, PostgresDatabase database, String name)
            throws IOException {
        Path dataDir = Files.createTempDirectory("azukari-" + name);
        registry.add("azukari.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("azukari.trust-bank.key-vault.kind", () -> "vault");
        registry.add("azukari.trust-bank.key-vault.vault.address", () -> RequiredEnv.get("AZUKARI_IT_VAULT_ADDR"));
        registry.add("azukari.trust-bank.key-vault.vault.auth", () -> "approle");
        registry.add("azukari.trust-bank.key-vault.vault.approle.role-id",
                () -> RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"));
        registry.add("azukari.trust-bank.key-vault.vault.approle.secret-id",
                () -> RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID"));
        registry.add("azukari.trust-bank.key-vault.vault.transit-mount", () -> "transit");
        registry.add("azukari.access-log.elasticsearch.url", () -> RequiredEnv.get("AZUKARI_IT_ES_URL"));
        registry.add("azukari.access-log.elasticsearch.index-prefix", () -> "it-" + name + "-" + System.nanoTime());
    }
}
