package org.azukari.trustbank.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitKeyVault;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.OpenBaoServer;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.Records;
import org.azukari.trustbank.testing.RequiredEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole bank (PostgreSQL + a private, persistent OpenBao) while the vault is stopped or
 * sealed: nothing is stored, nothing is released, nothing half-written remains, and the same
 * bank instance works again once the vault is back.
 */
class CustodyDuringVaultOutageIT {

    private static OpenBaoServer server;
    private static PostgresDatabase database;
    private static EmbeddedBank embedded;

    @TempDir
    static Path directory;

    private final ResidentId resident = ResidentId.random();
    private RecordToStore before;

    @BeforeAll
    static void startBank() {
        server = OpenBaoServer.startFresh(Path.of(RequiredEnv.get("AZUKARI_IT_BAO_BIN")),
                Path.of(RequiredEnv.get("AZUKARI_IT_VAULT_POLICY_FILE")));
        database = new PostgresDatabase();
        VaultTransitKeyVault vault = new VaultTransitKeyVault(new VaultKeyVaultSettings(server.address(),
                VaultKeyVaultSettings.DEFAULT_TRANSIT_MOUNT,
                VaultKeyVaultSettings.Authentication.token(server.createToken(OpenBaoServer.BANK_POLICY)),
                Duration.ofSeconds(1), Duration.ofSeconds(2)));
        embedded = new EmbeddedBank(database.dataSource(), vault, directory.resolve("erasures.txt"));
    }

    @AfterAll
    static void stopBank() {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void storeARecord() {
        server.ensureRunningAndUnsealed();
        embedded.bank.enrol(resident);
        before = Records.observation(Records.marker());
        embedded.bank.store(resident, before);
        embedded.cache.forgetAll();
    }

    @Test
    void whileTheVaultIsStopped_nothingIsStoredOrReleased_andTheSameBankRecoversAfterRestart() {
        server.stop();

        assertFailsClosed();
        server.start();
        server.unseal();
        assertThat(embedded.bank.read(resident, before.id()).content()).isEqualTo(before.content());
        assertThat(embedded.bank.store(resident, Records.observation("after")).version().value()).isEqualTo(1);
    }

    @Test
    void whileTheVaultIsSealed_nothingIsStoredOrReleased_andItRecoversAfterUnseal() {
        server.seal();

        assertFailsClosed();
        server.unseal();
        assertThat(embedded.bank.read(resident, before.id()).content()).isEqualTo(before.content());
    }

    private void assertFailsClosed() {
        int rowsBefore = rows();
        assertThatThrownBy(() -> embedded.bank.read(resident, before.id()))
                .isInstanceOf(KeyVaultUnavailableException.class).hasMessageStartingWith("TB-0101");
        assertThatThrownBy(() -> embedded.bank.store(resident, Records.observation("during")))
                .isInstanceOf(KeyVaultUnavailableException.class);
        ResidentId newcomer = ResidentId.random();
        assertThatThrownBy(() -> embedded.bank.enrol(newcomer)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThatThrownBy(() -> embedded.bank.erase(resident)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThat(rows()).as("nothing half-written").isEqualTo(rowsBefore);
        assertThat(embedded.bank.isEnrolled(newcomer)).isFalse();
        assertThat(embedded.bank.isEnrolled(resident)).as("a failed erasure removes nothing").isTrue();
    }

    private int rows() {
        return new JdbcTemplate(database.dataSource())
                .queryForObject("SELECT COUNT(*) FROM tb_record_version", Integer.class);
    }
}
