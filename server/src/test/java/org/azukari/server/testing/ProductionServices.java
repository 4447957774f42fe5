package org.azukari.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.RequiredEnv;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The bank's properties for a test against the services infra/test runs: PostgreSQL (a schema
 * of its own), OpenBao with the bank's AppRole and policy, Elasticsearch (an index prefix of
 * its own). Each property fails the test when its service's variable is missing.
 *
 * <p>The schema belongs to the application context, not to a static field: it is made when the
 * context starts, is a bean (a test autowires {@link PostgresDatabase} to look into it), and is
 * dropped when the context closes ({@link OnProductionServices} closes it after the test class).
 */
public final class ProductionServices implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        PostgresDatabase database = new PostgresDatabase();
        context.registerBean(PostgresDatabase.class, () -> database);
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("azukari-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("azukari.data-dir", dataDir.toString()),
                Map.entry("spring.datasource.url", database.jdbcUrl()),
                Map.entry("spring.datasource.username", database.user()),
                Map.entry("spring.datasource.password", database.password()),
                Map.entry("azukari.trust-bank.key-vault.kind", "vault"),
                Map.entry("azukari.trust-bank.key-vault.vault.address", RequiredEnv.get("AZUKARI_IT_VAULT_ADDR")),
                Map.entry("azukari.trust-bank.key-vault.vault.auth", "approle"),
                Map.entry("azukari.trust-bank.key-vault.vault.approle.role-id",
                        RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID")),
                Map.entry("azukari.trust-bank.key-vault.vault.approle.secret-id",
                        RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID")),
                Map.entry("azukari.trust-bank.key-vault.vault.transit-mount", "transit"),
                Map.entry("azukari.access-log.elasticsearch.url", RequiredEnv.get("AZUKARI_IT_ES_URL")),
                Map.entry("azukari.access-log.elasticsearch.index-prefix", "it-" + System.nanoTime()));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("production-services", properties));
    }
}
