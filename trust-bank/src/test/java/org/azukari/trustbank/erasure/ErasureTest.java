package org.azukari.trustbank.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.WrappedKey;
import org.azukari.trustbank.records.EncryptedRecord;
import org.azukari.trustbank.records.Keyring;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.Records;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Crypto-shredding over the embedded defaults; the same story against PostgreSQL and OpenBao is in ErasureIT. */
class ErasureTest {

    @TempDir
    Path directory;

    private EmbeddedBank embedded;
    private JdbcTemplate jdbc;
    private final ResidentId alice = ResidentId.random();
    private final ResidentId bob = ResidentId.random();

    @BeforeEach
    void startBank() {
        embedded = new EmbeddedBank(EmbeddedBank.h2File(directory.resolve("db")), EmbeddedBank.localVault(directory),
                directory.resolve("erasures.txt"));
        jdbc = new JdbcTemplate(embedded.dataSource);
        embedded.bank.enrol(alice);
        embedded.bank.enrol(bob);
    }

    @Test
    void erase_makesARawCopyOfTheCiphertextUndecryptable_andRemovesTheRows() {
        RecordToStore record = Records.observation(Records.marker());
        embedded.bank.store(alice, record);
        Keyring keyringCopy = embedded.store.keyring(alice).orElseThrow();
        EncryptedRecord ciphertextCopy = embedded.store.find(alice, record.id(), java.util.Optional.empty()).orElseThrow();

        var receipt = embedded.bank.erase(alice);

        assertThat(receipt.recordVersionsRemoved()).isEqualTo(1);
        WrappedKey wrapped = keyringCopy.current();
        assertThatThrownBy(() -> embedded.vault.unwrap(keyringCopy.kek(), wrapped, new KeyContext(alice, 1)))
                .isInstanceOf(ResidentKeyDestroyedException.class);
        assertThat(ciphertextCopy.envelope()).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_record_version WHERE resident_id = ?", Integer.class,
                alice.value())).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_data_key WHERE resident_id = ?", Integer.class,
                alice.value())).isZero();
        assertThatThrownBy(() -> embedded.bank.read(alice, record.id())).isInstanceOf(RecordNotFoundException.class);
        assertThat(embedded.ledger.entries()).extracting(e -> e.resident()).containsExactly(alice);
    }

    @Test
    void erase_leavesOtherResidentsReadable() {
        RecordToStore bobs = Records.observation("bob");
        embedded.bank.store(bob, bobs);
        embedded.bank.store(alice, Records.observation("alice"));

        embedded.bank.erase(alice);

        assertThat(embedded.bank.read(bob, bobs.id()).content()).isEqualTo(bobs.content());
    }

    @Test
    void restoringABackupFromBeforeTheErasure_bringsNothingReadableBack_andTheLedgerRemovesItAgain() {
        RecordToStore record = Records.observation(Records.marker());
        embedded.bank.store(alice, record);
        RecordToStore bobs = Records.observation("bob");
        embedded.bank.store(bob, bobs);
        Path backup = directory.resolve("backup.sql");
        jdbc.execute("SCRIPT TO '" + backup + "'");

        embedded.bank.erase(alice);
        jdbc.execute("DROP ALL OBJECTS");
        jdbc.execute("RUNSCRIPT FROM '" + backup + "'");
        embedded.cache.forgetAll();

        assertThatThrownBy(() -> embedded.bank.read(alice, record.id()))
                .as("the restored rows are there, but their key is gone")
                .isInstanceOf(ResidentKeyDestroyedException.class);
        assertThat(embedded.eraser.reapplyLedger()).isEqualTo(1);
        assertThat(embedded.bank.isEnrolled(alice)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_record_version WHERE resident_id = ?", Integer.class,
                alice.value())).isZero();
        assertThat(embedded.bank.read(bob, bobs.id()).content()).isEqualTo(bobs.content());
    }

    @Test
    void reapplyLedger_leavesAResidentWhoEnrolledAgainAlone() {
        embedded.bank.store(alice, Records.observation("old"));
        embedded.bank.erase(alice);
        embedded.bank.enrolAnew(alice);
        RecordToStore fresh = Records.observation("new");
        embedded.bank.store(alice, fresh);

        assertThat(embedded.eraser.reapplyLedger()).isZero();
        assertThat(embedded.bank.read(alice, fresh.id()).content()).isEqualTo(fresh.content());
    }


    @Test
    void ledger_holdsIdsOnly() throws Exception {
        embedded.bank.store(alice, Records.observation(Records.marker()));
        embedded.bank.erase(alice);

        String ledger = java.nio.file.Files.readString(directory.resolve("erasures.txt"));
        assertThat(ledger).matches("[0-9a-f-]{36} rk-[a-z2-7]{26} \\S+Z\\n");
    }

    @Test
    void erase_isWrittenToTheAccessLogBeforeAnythingIsDestroyed() {
        embedded.bank.store(alice, Records.observation("a"));

        embedded.bank.erase(alice);

        assertThat(embedded.accessLog.entries()).singleElement().satisfies(logged -> {
            assertThat(logged.entry().action()).isEqualTo(org.azukari.consent.api.AccessAction.ERASE);
            assertThat(logged.entry().resident()).contains(alice);
            assertThat(logged.entry().reason()).isEqualTo("resident-request");
        });
    }

    @Test
    void erase_whenTheAccessLogCannotRecordIt_destroysNothing() {
        RecordToStore record = Records.observation("kept");
        embedded.bank.store(alice, record);
        embedded.accessLog.goDown();

        assertThatThrownBy(() -> embedded.bank.erase(alice))
                .isInstanceOf(org.azukari.consent.api.AccessLogUnavailableException.class);

        embedded.accessLog.comeBack();
        assertThat(embedded.bank.read(alice, record.id()).content()).isEqualTo(record.content());
        assertThat(embedded.ledger.entries()).isEmpty();
    }
}
