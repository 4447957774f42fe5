package org.azukari.trustbank.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.ResidentErasedException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitKeyVault;
import org.azukari.trustbank.records.EncryptedRecord;
import org.azukari.trustbank.records.Keyring;
import org.azukari.trustbank.testing.ConcurrentWriters;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.MarkerScan;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.Records;
import org.azukari.trustbank.testing.RequiredEnv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The production pairing, proven on the real things: PostgreSQL as the record store and
 * OpenBao transit (AppRole with the bank's own policy) as the key vault.
 */
class PostgresVaultCustodyIT {

    @TempDir
    Path directory;

    private PostgresDatabase database;
    private EmbeddedBank embedded;
    private EncryptedTrustBank bank;
    private JdbcTemplate jdbc;
    private final ResidentId alice = ResidentId.random();
    private final ResidentId bob = ResidentId.random();

    @BeforeEach
    void startBank() {
        database = new PostgresDatabase();
        VaultTransitKeyVault vault = new VaultTransitKeyVault(VaultKeyVaultSettings.of(
                java.net.URI.create(RequiredEnv.get("AZUKARI_IT_VAULT_ADDR")),
                VaultKeyVaultSettings.Authentication.appRole(RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"),
                        RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID"))));
        embedded = new EmbeddedBank(database.dataSource(), vault, directory.resolve("erasures.txt"));
        bank = embedded.bank;
        jdbc = new JdbcTemplate(database.dataSource());
        bank.enrol(alice);
        bank.enrol(bob);
    }

    @AfterEach
    void dropSchema() {
        database.close();
    }

    @Test
    void read_ofStoredRecord_givesItBack_withTheDataKeyWrappedByTheResidentsTransitKey() {
        RecordToStore record = Records.observation(Records.marker());
        bank.store(alice, record);

        assertThat(bank.read(alice, record.id()).content()).isEqualTo(record.content());
        Keyring aliceKeys = embedded.store.keyring(alice).orElseThrow();
        Keyring bobKeys = embedded.store.keyring(bob).orElseThrow();
        assertThat(aliceKeys.current().text()).startsWith("vault:v1:");
        assertThat(aliceKeys.kek()).isNotEqualTo(bobKeys.kek());
    }

    @Test
    void concurrentWriters_toOneRecord_loseNoUpdate() throws Exception {
        RecordId id = RecordId.random();
        int writers = 8;
        int writesEach = 15;
        List<Integer> all = ConcurrentWriters.writeVersions(bank, alice, id, writers, writesEach);

        assertThat(all).hasSize(writers * writesEach).doesNotHaveDuplicates();
        assertThat(bank.read(alice, id).metadata().version().value()).isEqualTo(writers * writesEach);
    }

    @Test
    void pgDump_holdsNoPlaintext() throws Exception {
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String marker = Records.marker();
            markers.add(marker);
            bank.store(i % 2 == 0 ? alice : bob, Records.observation(marker));
        }
        Path dump = directory.resolve("dump.sql");
        database.dump(dump);

        assertThat(Files.size(dump)).isGreaterThan(1_000);
        assertThat(MarkerScan.hitsUnder(dump, markers)).isEmpty();
        jdbc.update("CREATE TABLE control_plain (v VARCHAR(100))");
        jdbc.update("INSERT INTO control_plain VALUES (?)", markers.get(0));
        database.dump(dump);
        assertThat(MarkerScan.hitsUnder(dump, markers)).as("the scan finds plaintext when there is some").hasSize(1);
    }

    @Test
    void erase_leavesARawCiphertextCopyAndAnOlderDumpUndecryptable_andTheLedgerReappliesAfterRestore() {
        RecordToStore record = Records.observation(Records.marker());
        bank.store(alice, record);
        RecordToStore bobs = Records.observation("bob");
        bank.store(bob, bobs);
        Keyring keyringCopy = embedded.store.keyring(alice).orElseThrow();
        EncryptedRecord ciphertextCopy = embedded.store.find(alice, record.id(), Optional.empty()).orElseThrow();
        Path backup = directory.resolve("before-erase.sql");
        database.dump(backup);

        bank.erase(alice);

        assertThatThrownBy(() -> embedded.vault.unwrap(keyringCopy.kek(), keyringCopy.current(), new KeyContext(alice, 1)))
                .isInstanceOf(ResidentKeyDestroyedException.class);
        assertThat(ciphertextCopy.envelope()).isNotEmpty();
        database.restore(backup);
        embedded.cache.forgetAll();
        assertThatThrownBy(() -> bank.read(alice, record.id()))
                .as("the restored rows are back, their key is not")
                .isInstanceOf(ResidentKeyDestroyedException.class);
        assertThat(embedded.eraser.reapplyLedger()).isEqualTo(1);
        assertThat(bank.isEnrolled(alice)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_record_version WHERE resident_id = ?", Integer.class,
                alice.value())).isZero();
        assertThat(bank.read(bob, bobs.id()).content()).isEqualTo(bobs.content());
    }

    @Test
    void rotateKey_rewrapsInTheVault_andRetiringMakesTheOldWrappedKeyUseless() {
        RecordToStore record = Records.observation("rotate");
        bank.store(alice, record);
        String wrappedBefore = jdbc.queryForObject("SELECT wrapped_key FROM tb_data_key WHERE resident_id = ?",
                String.class, alice.value());
        byte[] envelopeBefore = jdbc.queryForObject("SELECT envelope FROM tb_record_version WHERE resident_id = ?",
                byte[].class, alice.value());

        bank.rotateKey(alice);
        bank.retireOldKeyVersions(alice);
        embedded.cache.forgetAll();

        assertThat(embedded.store.keyring(alice).orElseThrow().current().text()).startsWith("vault:v2:");
        assertThat(jdbc.queryForObject("SELECT envelope FROM tb_record_version WHERE resident_id = ?", byte[].class,
                alice.value())).isEqualTo(envelopeBefore);
        assertThat(bank.read(alice, record.id()).content()).isEqualTo(record.content());
        jdbc.update("UPDATE tb_data_key SET wrapped_key = ? WHERE resident_id = ?", wrappedBefore, alice.value());
        assertThatThrownBy(() -> bank.read(alice, record.id())).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void erasure_isFinal_onPostgres_withCustodyAndWithout_untilANewEnrolment() {
        bank.store(alice, Records.observation("before"));
        ResidentId carol = ResidentId.random(); // never held a record

        bank.erase(alice);
        bank.erase(carol);

        assertThatThrownBy(() -> bank.enrol(alice)).isInstanceOf(ResidentErasedException.class);
        assertThatThrownBy(() -> bank.enrol(carol)).isInstanceOf(ResidentErasedException.class);
        assertThat(bank.enrolment(carol)).isEqualTo(Enrolment.ERASED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_erasure WHERE resident_id = ? AND kek_id IS NULL",
                Integer.class, carol.value())).isEqualTo(1);
        bank.enrolAnew(alice);
        RecordToStore fresh = Records.observation("after");
        bank.store(alice, fresh);
        assertThat(bank.read(alice, fresh.id()).content()).isEqualTo(fresh.content());
        bank.erase(alice);
        assertThatThrownBy(() -> bank.enrol(alice)).isInstanceOf(ResidentErasedException.class);
    }
}
