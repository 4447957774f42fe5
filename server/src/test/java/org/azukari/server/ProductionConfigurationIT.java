package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.Records;
import org.azukari.trustbank.testing.RequiredEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bank started with the property names of infra/production/application-production.properties,
 * against the real PostgreSQL and OpenBao (AppRole, the bank's own policy) that infra/test runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProductionConfigurationIT {

    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("azukari-production-it");
        registry.add("azukari.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("azukari.trust-bank.key-vault.kind", () -> "vault");
        registry.add("azukari.trust-bank.key-vault.vault.address", () -> RequiredEnv.get("AZUKARI_IT_VAULT_ADDR"));
        registry.add("azukari.trust-bank.key-vault.vault.auth", () -> "approle");
        registry.add("azukari.trust-bank.key-vault.vault.approle.role-id",
                () -> RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"));
        registry.add("azukari.trust-bank.key-vault.vault.approle.secret-id",
                () -> RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID"));
        registry.add("azukari.trust-bank.key-vault.vault.transit-mount", () -> "transit");
    }

    @AfterAll
    static void dropSchema() {
        DATABASE.close();
    }

    @Autowired
    TrustBank trustBank;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void bank_withProductionProperties_keepsRecordsInPostgresUnderTransitKeys() {
        ResidentId resident = ResidentId.random();
        trustBank.enrol(resident);
        RecordToStore record = Records.observation(Records.marker());
        trustBank.store(resident, record);

        assertThat(trustBank.read(resident, record.id()).content()).isEqualTo(record.content());
        assertThat(jdbc.queryForObject("SELECT wrapped_key FROM tb_data_key WHERE resident_id = ?", String.class,
                resident.value())).startsWith("vault:v1:");
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(DATABASE.schema());
    }
}
