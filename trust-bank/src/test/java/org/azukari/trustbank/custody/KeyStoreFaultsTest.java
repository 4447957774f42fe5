package org.azukari.trustbank.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.Records;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A key store that cannot be used is a fault, never an erasure (H2, local key vault): with the
 * key directory missing or unusable, or one key file lost with no erasure naming it, the bank
 * answers "unavailable" (retry later), writes nothing, and works again once the keys are back.
 * Only a key an erasure destroyed is reported as destroyed.
 */
class KeyStoreFaultsTest {

    @TempDir
    Path directory;

    private EmbeddedBank embedded;
    private final ResidentId resident = ResidentId.random();
    private RecordToStore held;

    @BeforeEach
    void bankWithOneRecord() {
        embedded = new EmbeddedBank(EmbeddedBank.h2File(directory.resolve("db")), EmbeddedBank.localVault(directory),
                directory.resolve("erasures.txt"));
        embedded.bank.enrol(resident);
        held = Records.observation(Records.marker());
        embedded.bank.store(resident, held);
        embedded.cache.forgetAll();
    }

    /** Record versions, keyrings and data keys, all residents. */
    private int rows() {
        return new JdbcTemplate(embedded.dataSource).queryForObject("SELECT (SELECT COUNT(*) FROM tb_record_version)"
                + " + (SELECT COUNT(*) FROM tb_resident_keyring) + (SELECT COUNT(*) FROM tb_data_key)", Integer.class);
    }

    @Test
    void withTheKeyDirectoryMissing_readsAndWritesAreUnavailable_notErased_andNothingIsWritten() throws Exception {
        Path keys = directory.resolve("keys");
        Files.move(keys, directory.resolve("keys-elsewhere"));
        int before = rows();

        assertThatThrownBy(() -> embedded.bank.read(resident, held.id()))
                .isInstanceOf(KeyVaultUnavailableException.class).hasMessageStartingWith("TB-0101");
        assertThatThrownBy(() -> embedded.bank.store(resident, Records.observation("during")))
                .isInstanceOf(KeyVaultUnavailableException.class);
        ResidentId newcomer = ResidentId.random();
        assertThatThrownBy(() -> embedded.bank.enrol(newcomer)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThatThrownBy(() -> embedded.bank.erase(resident)).isInstanceOf(KeyVaultUnavailableException.class);

        assertThat(rows()).as("nothing half-written").isEqualTo(before);
        assertThat(embedded.bank.isEnrolled(newcomer)).isFalse();
        assertThat(keys).as("no empty key directory made over the data").doesNotExist();
        assertThat(embedded.ledger.entries()).as("the erasure's write-ahead record stays: the erasure is finished"
                + " by asking again or at the next start, and nothing is called destroyed while the key exists")
                .extracting(e -> e.resident()).containsExactly(resident);

        Files.move(directory.resolve("keys-elsewhere"), keys);
        assertThat(embedded.bank.read(resident, held.id()).content()).isEqualTo(held.content());
    }

    @Test
    void aKeyFileLost_withNoErasureNamingIt_isUnavailable_TB0108() throws Exception {
        KeyId kek = embedded.store.keyring(resident).orElseThrow().kek();
        Files.move(directory.resolve("keys").resolve(kek + ".kek"), directory.resolve(kek + ".kek"));

        assertThatThrownBy(() -> embedded.bank.read(resident, held.id()))
                .isInstanceOf(KeyVaultUnavailableException.class).hasMessageStartingWith("TB-0108");
        assertThatThrownBy(() -> embedded.bank.store(resident, Records.observation("during")))
                .isInstanceOf(KeyVaultUnavailableException.class).hasMessageStartingWith("TB-0108");
        assertThatThrownBy(() -> embedded.bank.rotateKey(resident)).isInstanceOf(KeyVaultUnavailableException.class);

        Files.move(directory.resolve(kek + ".kek"), directory.resolve("keys").resolve(kek + ".kek"));
        assertThat(embedded.bank.read(resident, held.id()).content()).isEqualTo(held.content());
    }

    @Test
    void aKeyAnErasureDestroyed_isReportedDestroyed_evenWithItsRowsStillThere() {
        Path backup = directory.resolve("backup.sql");
        JdbcTemplate jdbc = new JdbcTemplate(embedded.dataSource);
        jdbc.execute("SCRIPT TO '" + backup + "'");
        embedded.bank.erase(resident);
        jdbc.execute("DROP ALL OBJECTS");
        jdbc.execute("RUNSCRIPT FROM '" + backup + "'"); // the rows are back, the erasure only in the ledger

        assertThatThrownBy(() -> embedded.bank.read(resident, held.id()))
                .isInstanceOf(ResidentKeyDestroyedException.class).hasMessageStartingWith("TB-0103");
    }
}
