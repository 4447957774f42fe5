package org.azukari.trustbank.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.InvalidRecordException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResidentNotEnrolledException;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.api.VersionConflictException;
import org.azukari.trustbank.testing.ConcurrentWriters;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.MarkerScan;
import org.azukari.trustbank.testing.Records;
import org.azukari.trustbank.testing.SwitchableKeyVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The trust bank over the embedded defaults: H2 files and the local key vault. */
class EncryptedTrustBankTest {

    @TempDir
    Path directory;

    private SwitchableKeyVault vault;
    private EmbeddedBank embedded;
    private EncryptedTrustBank bank;
    private JdbcTemplate jdbc;
    private final ResidentId alice = ResidentId.random();
    private final ResidentId bob = ResidentId.random();

    @BeforeEach
    void startBank() {
        vault = new SwitchableKeyVault(EmbeddedBank.localVault(directory));
        embedded = new EmbeddedBank(EmbeddedBank.h2File(directory.resolve("db")), vault, directory.resolve("erasures.txt"));
        bank = embedded.bank;
        jdbc = new JdbcTemplate(embedded.dataSource);
        bank.enrol(alice);
        bank.enrol(bob);
    }

    @Test
    void read_ofStoredRecord_givesBackItsContentAndMetadata() {
        RecordToStore record = Records.observation(Records.marker());
        StoredRecord stored = bank.store(alice, record);

        var read = bank.read(alice, record.id());

        assertThat(read.content()).isEqualTo(record.content());
        assertThat(read.metadata()).isEqualTo(stored);
        assertThat(stored.version()).isEqualTo(RecordVersion.FIRST);
    }

    @Test
    void store_ofSameRecordAgain_addsAVersionAndKeepsTheOldOne() {
        RecordId id = RecordId.random();
        RecordToStore first = Records.observation(id, "first");
        RecordToStore second = Records.observation(id, "second");
        bank.store(alice, first);
        StoredRecord stored = bank.store(alice, second);

        assertThat(stored.version()).isEqualTo(new RecordVersion(2));
        assertThat(bank.read(alice, id).content()).isEqualTo(second.content());
        assertThat(bank.read(alice, id, RecordVersion.FIRST).content()).isEqualTo(first.content());
        assertThat(bank.list(alice)).extracting(StoredRecord::version).containsExactly(new RecordVersion(2));
    }

    @Test
    void readAll_givesEveryCurrentRecordOfThatResidentOnly_decrypted() {
        RecordId id = RecordId.random();
        bank.store(alice, Records.observation(id, "first"));
        RecordToStore second = Records.observation(id, "second");
        bank.store(alice, second);
        RecordToStore other = Records.observation(Records.marker());
        bank.store(alice, other);
        bank.store(bob, Records.observation("bob's"));

        var all = bank.readAll(alice);

        assertThat(all).extracting(r -> r.metadata().id()).containsExactlyInAnyOrder(id, other.id());
        assertThat(all).filteredOn(r -> r.metadata().id().equals(id)).singleElement()
                .satisfies(r -> assertThat(r.content()).isEqualTo(second.content()));
        assertThat(bank.readAll(ResidentId.random())).isEmpty();
    }

    @Test
    void readAll_whileTheVaultIsDown_failsClosed() {
        bank.store(alice, Records.observation("x"));
        embedded.cache.forgetAll();
        vault.goDown();

        assertThatThrownBy(() -> bank.readAll(alice)).isInstanceOf(KeyVaultUnavailableException.class);
    }

    @Test
    void read_ofAnotherResidentsRecord_answersNotFound() {
        RecordToStore record = Records.observation(Records.marker());
        bank.store(alice, record);

        assertThatThrownBy(() -> bank.read(bob, record.id())).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> bank.read(ResidentId.random(), record.id())).isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void enrol_twice_keepsTheFirstKeyring() {
        var before = embedded.store.keyring(alice).orElseThrow();
        bank.enrol(alice);

        assertThat(embedded.store.keyring(alice).orElseThrow().kek()).isEqualTo(before.kek());
    }

    @Test
    void store_forUnenrolledResident_isRefused() {
        assertThatThrownBy(() -> bank.store(ResidentId.random(), Records.observation("x")))
                .isInstanceOf(ResidentNotEnrolledException.class);
    }

    @Test
    void storeAll_ofAnEmptyBatch_isRefused() {
        assertThatThrownBy(() -> bank.storeAll(alice, List.of())).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void storeAll_ofABundle_costsOneVaultCallPerResident() {
        List<RecordToStore> bundle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bundle.add(Records.observation("r" + i));
        }
        embedded.cache.forgetAll();
        int before = vault.unwraps();

        bank.storeAll(alice, bundle);
        bank.storeAll(bob, bundle);
        bundle.forEach(r -> bank.read(alice, r.id()));

        assertThat(vault.unwraps() - before).isEqualTo(2);
    }

    @Test
    void storeIfCurrent_withStaleVersion_conflictsAndWritesNothing() {
        RecordId id = RecordId.random();
        bank.store(alice, Records.observation(id, "one"));
        bank.store(alice, Records.observation(id, "two"));

        assertThatThrownBy(() -> bank.storeIfCurrent(alice, Records.observation(id, "three"), RecordVersion.FIRST))
                .isInstanceOf(VersionConflictException.class);
        assertThat(bank.storeIfCurrent(alice, Records.observation(id, "three"), new RecordVersion(2)).version())
                .isEqualTo(new RecordVersion(3));
    }

    @Test
    void storeAll_thatFailsHalfway_leavesNothingBehind() {
        RecordId id = RecordId.random();
        bank.store(alice, Records.observation(id, "one"));
        RecordToStore fresh = Records.observation("fresh");

        assertThatThrownBy(() -> bank.storeIfCurrent(alice, fresh, new RecordVersion(7)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(bank.list(alice)).extracting(StoredRecord::id).containsExactly(id);
    }

    @Test
    void concurrentWriters_toOneRecord_loseNoUpdate() throws Exception {
        RecordId id = RecordId.random();
        int writers = 8;
        int writesEach = 20;
        List<Integer> all = ConcurrentWriters.writeVersions(bank, alice, id, writers, writesEach);

        assertThat(all).hasSize(writers * writesEach).doesNotHaveDuplicates();
        assertThat(bank.read(alice, id).metadata().version().value()).isEqualTo(writers * writesEach);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_record_version WHERE record_id = ?", Integer.class,
                id.value())).isEqualTo(writers * writesEach);
    }

    @Test
    void whileTheVaultIsDown_nothingIsStoredOrReleased_andItRecoversByItself() {
        RecordToStore before = Records.observation("before");
        bank.store(alice, before);
        embedded.cache.forgetAll();
        vault.goDown();

        assertThatThrownBy(() -> bank.store(alice, Records.observation("during")))
                .isInstanceOf(KeyVaultUnavailableException.class).hasMessageStartingWith("TB-0101");
        assertThatThrownBy(() -> bank.read(alice, before.id())).isInstanceOf(KeyVaultUnavailableException.class);
        assertThatThrownBy(() -> bank.enrol(ResidentId.random())).isInstanceOf(KeyVaultUnavailableException.class);
        assertThat(bank.list(alice)).hasSize(1);

        vault.comeBack();
        assertThat(bank.read(alice, before.id()).content()).isEqualTo(before.content());
    }

    @Test
    void ciphertext_movedToAnotherResidentsRow_doesNotDecrypt() {
        RecordToStore secret = Records.observation(Records.marker());
        bank.store(alice, secret);
        RecordToStore decoy = Records.observation(secret.id(), "decoy");
        bank.store(bob, decoy);
        jdbc.update("UPDATE tb_record_version SET envelope = (SELECT envelope FROM tb_record_version WHERE resident_id = ?"
                + " AND record_id = ?) WHERE resident_id = ? AND record_id = ?",
                alice.value(), secret.id().value(), bob.value(), secret.id().value());

        assertThatThrownBy(() -> bank.read(bob, secret.id())).isInstanceOf(UnreadableRecordException.class);
        assertThat(bank.read(alice, secret.id()).content()).isEqualTo(secret.content());
    }

    @Test
    void ciphertext_movedToAnotherVersion_doesNotDecrypt() {
        RecordId id = RecordId.random();
        bank.store(alice, Records.observation(id, "v1"));
        bank.store(alice, Records.observation(id, "v2"));
        jdbc.update("UPDATE tb_record_version SET envelope = (SELECT envelope FROM tb_record_version WHERE resident_id = ?"
                + " AND record_id = ? AND version = 1) WHERE resident_id = ? AND record_id = ? AND version = 2",
                alice.value(), id.value(), alice.value(), id.value());

        assertThatThrownBy(() -> bank.read(alice, id)).isInstanceOf(UnreadableRecordException.class);
        assertThat(bank.read(alice, id, RecordVersion.FIRST).content().plaintextUtf8()).contains("v1");
    }

    @Test
    void corruptedWrappedDataKey_failsTyped_andOtherResidentsAreUnaffected() {
        RecordToStore aliceRecord = Records.observation("a");
        RecordToStore bobRecord = Records.observation("b");
        bank.store(alice, aliceRecord);
        bank.store(bob, bobRecord);
        String bobsKey = jdbc.queryForObject("SELECT wrapped_key FROM tb_data_key WHERE resident_id = ?", String.class,
                bob.value());
        jdbc.update("UPDATE tb_data_key SET wrapped_key = ? WHERE resident_id = ?", bobsKey, alice.value());
        embedded.cache.forgetAll();

        assertThatThrownBy(() -> bank.read(alice, aliceRecord.id())).isInstanceOf(UnreadableRecordException.class);
        assertThat(bank.read(bob, bobRecord.id()).content()).isEqualTo(bobRecord.content());
    }

    @Test
    void rotateKey_rewrapsDataKeysWithoutReencryptingRecords_andRetireDropsTheOldVersion() {
        RecordToStore record = Records.observation("rotate");
        bank.store(alice, record);
        byte[] envelopeBefore = envelopeOf(alice, record.id());
        String wrappedBefore = wrappedKeyOf(alice);

        bank.rotateKey(alice);
        bank.retireOldKeyVersions(alice);
        embedded.cache.forgetAll();

        assertThat(envelopeOf(alice, record.id())).isEqualTo(envelopeBefore);
        assertThat(wrappedKeyOf(alice)).startsWith("local:v2:");
        assertThat(bank.read(alice, record.id()).content()).isEqualTo(record.content());
        jdbc.update("UPDATE tb_data_key SET wrapped_key = ? WHERE resident_id = ?", wrappedBefore, alice.value());
        assertThatThrownBy(() -> bank.read(alice, record.id())).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void h2Files_holdNoPlaintext() {
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String marker = Records.marker();
            markers.add(marker);
            bank.store(i % 2 == 0 ? alice : bob, Records.observation(marker));
        }
        jdbc.execute("CHECKPOINT SYNC");

        assertThat(MarkerScan.hitsUnder(directory, markers)).isEmpty();
        jdbc.update("CREATE TABLE control_plain (v VARCHAR(100))");
        jdbc.update("INSERT INTO control_plain VALUES (?)", markers.get(0));
        jdbc.execute("CHECKPOINT SYNC");
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), markers)).as("the scan finds plaintext when there is some")
                .isNotEmpty();
    }

    private byte[] envelopeOf(ResidentId resident, RecordId id) {
        return jdbc.queryForObject("SELECT envelope FROM tb_record_version WHERE resident_id = ? AND record_id = ?",
                byte[].class, resident.value(), id.value());
    }

    private String wrappedKeyOf(ResidentId resident) {
        return jdbc.queryForObject("SELECT wrapped_key FROM tb_data_key WHERE resident_id = ?", String.class,
                resident.value());
    }
}
