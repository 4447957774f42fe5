package org.azukari.trustbank.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResidentErasedException;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.Records;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Erasure is final (H2, local key vault): nothing that arrives for an erased resident starts
 * their custody again, whether they held records or not, across a restart and a restored
 * database; only an explicit new enrolment does, under a new key.
 */
class ErasureIsFinalTest {

    @TempDir
    Path directory;

    private EmbeddedBank embedded;
    private final ResidentId alice = ResidentId.random();

    @BeforeEach
    void startBank() {
        embedded = bank();
    }

    private EmbeddedBank bank() {
        return new EmbeddedBank(EmbeddedBank.h2File(directory.resolve("db")), EmbeddedBank.localVault(directory),
                directory.resolve("erasures.txt"));
    }

    private long keyFiles() throws Exception {
        try (Stream<Path> files = Files.list(directory.resolve("keys"))) {
            return files.count();
        }
    }

    private int keyrings() {
        return new JdbcTemplate(embedded.dataSource).queryForObject(
                "SELECT COUNT(*) FROM tb_resident_keyring WHERE resident_id = ?", Integer.class, alice.value());
    }

    @Test
    void enrol_afterTheResidentErased_isRefused_andMakesNoKey() throws Exception {
        embedded.bank.enrol(alice);
        embedded.bank.store(alice, Records.observation("before"));
        embedded.bank.erase(alice);
        long keysAfterErasure = keyFiles();

        assertThatThrownBy(() -> embedded.bank.enrol(alice))
                .isInstanceOf(ResidentErasedException.class).hasMessageStartingWith("TB-0302");
        assertThat(keyrings()).isZero();
        assertThat(keyFiles()).as("no key is made, not even for a moment").isEqualTo(keysAfterErasure);
        assertThat(embedded.bank.enrolment(alice)).isEqualTo(Enrolment.ERASED);
    }

    @Test
    void store_afterTheResidentErased_saysErased_notNeverEnrolled() {
        embedded.bank.enrol(alice);
        embedded.bank.erase(alice);

        assertThatThrownBy(() -> embedded.bank.store(alice, Records.observation("late")))
                .isInstanceOf(ResidentErasedException.class);
    }

    @Test
    void erase_ofAResidentWithNoCustodyYet_isRemembered_soNoRecordStartsOne() {
        var receipt = embedded.bank.erase(alice);

        assertThat(receipt.recordVersionsRemoved()).isZero();
        assertThat(embedded.accessLog.entries()).singleElement()
                .satisfies(logged -> assertThat(logged.entry().action()).isEqualTo(AccessAction.ERASE));
        assertThatThrownBy(() -> embedded.bank.enrol(alice)).isInstanceOf(ResidentErasedException.class);
        assertThat(keyrings()).isZero();
        assertThat(embedded.ledger.entries()).singleElement()
                .satisfies(erasure -> assertThat(erasure.kek()).isEmpty());
    }

    @Test
    void theErasure_holdsAfterARestart_andAfterARestoredDatabaseThatPredatesIt() {
        embedded.bank.enrol(alice);
        Path backup = directory.resolve("backup.sql");
        new JdbcTemplate(embedded.dataSource).execute("SCRIPT TO '" + backup + "'");
        embedded.bank.erase(alice);
        ResidentId bob = ResidentId.random();
        embedded.bank.erase(bob); // never held a record
        JdbcTemplate jdbc = new JdbcTemplate(embedded.dataSource);
        jdbc.execute("DROP ALL OBJECTS");
        jdbc.execute("RUNSCRIPT FROM '" + backup + "'");

        EmbeddedBank restarted = bank();
        restarted.eraser.reapplyLedger();

        assertThatThrownBy(() -> restarted.bank.enrol(alice)).isInstanceOf(ResidentErasedException.class);
        assertThatThrownBy(() -> restarted.bank.enrol(bob)).isInstanceOf(ResidentErasedException.class);
        assertThat(restarted.bank.enrolment(bob)).isEqualTo(Enrolment.ERASED);
    }

    @Test
    void enrolAnew_afterAnErasure_startsANewCustodyUnderANewKey() {
        embedded.bank.enrol(alice);
        var oldKey = embedded.store.keyring(alice).orElseThrow().kek();
        embedded.bank.erase(alice);

        embedded.bank.enrolAnew(alice);
        RecordToStore fresh = Records.observation("after the new enrolment");
        embedded.bank.store(alice, fresh);

        assertThat(embedded.bank.enrolment(alice)).isEqualTo(Enrolment.ENROLLED);
        assertThat(embedded.store.keyring(alice).orElseThrow().kek()).isNotEqualTo(oldKey);
        assertThat(embedded.bank.read(alice, fresh.id()).content()).isEqualTo(fresh.content());
    }

    @Test
    void erasingAgain_afterANewEnrolment_isFinalAgain() {
        embedded.bank.enrol(alice);
        embedded.bank.erase(alice);
        embedded.bank.enrolAnew(alice);
        embedded.bank.store(alice, Records.observation("second custody"));

        var receipt = embedded.bank.erase(alice);

        assertThat(receipt.recordVersionsRemoved()).isEqualTo(1);
        assertThatThrownBy(() -> embedded.bank.enrol(alice)).isInstanceOf(ResidentErasedException.class);
        assertThat(embedded.ledger.entries()).hasSize(2);
    }

    @Test
    void enrolment_tellsNeverEnrolledFromEnrolledFromErased() {
        assertThat(embedded.bank.enrolment(alice)).isEqualTo(Enrolment.NOT_ENROLLED);
        embedded.bank.enrol(alice);
        assertThat(embedded.bank.enrolment(alice)).isEqualTo(Enrolment.ENROLLED);
        embedded.bank.erase(alice);
        assertThat(embedded.bank.enrolment(alice)).isEqualTo(Enrolment.ERASED);
    }
}
