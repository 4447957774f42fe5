package org.azukari.trustbank.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.ErasureLedgerUnavailableException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.local.LocalKeyVault;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.Records;
import org.azukari.trustbank.testing.SmallDisk;
import org.azukari.trustbank.testing.SwitchableKeyVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An erasure on faulty storage, and one cut short, is never a resident half-erased (H2, the local
 * key vault, the erasure ledger on a real small tmpfs: {@link SmallDisk}). The ledger line is the
 * erasure's write-ahead record: a ledger that cannot take it refuses the erasure before the key is
 * touched, and an erasure cut short after it is finished at the next start.
 */
class ErasureFaultsTest {

    @TempDir
    Path directory;

    private SmallDisk disk;
    private EmbeddedBank embedded;
    private final ResidentId alice = ResidentId.random();
    private RecordToStore record;

    @BeforeEach
    void startBank() {
        disk = SmallDisk.mount(directory.resolve("ledger-disk"), "64k");
        embedded = bank(EmbeddedBank.localVault(directory));
        record = Records.observation(Records.marker());
        embedded.bank.enrol(alice);
        embedded.bank.store(alice, record);
    }

    @AfterEach
    void unmount() {
        disk.close();
    }

    private EmbeddedBank bank(KeyVault vault) {
        return new EmbeddedBank(EmbeddedBank.h2File(directory.resolve("db")), vault,
                disk.path().resolve("erasure-ledger.txt"));
    }

    private int rows(EmbeddedBank bank) {
        return new JdbcTemplate(bank.dataSource).queryForObject("SELECT (SELECT COUNT(*) FROM tb_record_version"
                + " WHERE resident_id = ?) + (SELECT COUNT(*) FROM tb_resident_keyring WHERE resident_id = ?)",
                Integer.class, alice.value(), alice.value());
    }

    @Test
    void erase_withTheLedgersDiskReadOnly_isRefusedTB0431_andTheKeyAndRecordsStay_untilItIsWritableAgain() {
        KeyId kek = embedded.store.keyring(alice).orElseThrow().kek();
        disk.readOnly();

        assertThatThrownBy(() -> embedded.bank.erase(alice)).isInstanceOf(ErasureLedgerUnavailableException.class)
                .hasMessageStartingWith("TB-0431");

        assertThat(embedded.vault.exists(kek)).as("the key is not destroyed").isTrue();
        embedded.cache.forgetAll();
        assertThat(embedded.bank.read(alice, record.id()).content()).isEqualTo(record.content());
        assertThat(embedded.bank.isEnrolled(alice)).isTrue();
        assertThat(embedded.accessLog.entries()).extracting(e -> e.entry().decision() + " " + e.entry().reason())
                .containsExactly(AccessDecision.PERMIT + " resident-request", AccessDecision.DENY + " erasure-failed");

        disk.writable();
        embedded.bank.erase(alice);
        assertThat(embedded.vault.exists(kek)).isFalse();
        assertThat(rows(embedded)).isZero();
        assertThat(embedded.ledger.entries()).extracting(e -> e.resident()).containsExactly(alice);
    }

    @Test
    void erase_withTheLedgersDiskFull_isRefusedTB0431_andDestroysNothing_untilThereIsRoomAgain() {
        KeyId kek = embedded.store.keyring(alice).orElseThrow().kek();
        disk.fill();

        assertThatThrownBy(() -> embedded.bank.erase(alice)).isInstanceOf(ErasureLedgerUnavailableException.class)
                .hasMessageStartingWith("TB-0431");

        assertThat(embedded.vault.exists(kek)).as("the key is not destroyed").isTrue();
        embedded.cache.forgetAll();
        assertThat(embedded.bank.read(alice, record.id()).content()).isEqualTo(record.content());
        assertThat(embedded.ledger.entries()).isEmpty();

        disk.free();
        embedded.bank.erase(alice);
        assertThat(embedded.vault.exists(kek)).isFalse();
        assertThat(rows(embedded)).isZero();
    }

    /**
     * The vault destroys the key and the bank hears nothing back (a timeout after the vault acted;
     * the same state as the bank killed right after the call): before the ledger came first, the key
     * was gone with nothing outside the database saying so, and the resident answered "unavailable"
     * for ever. Now the ledger names the key, so the loss is told as the erasure it is, and the
     * next start finishes the erasure.
     */
    @Test
    void anErasureCutShortAfterTheVaultDestroyedTheKey_isToldAsErased_andFinishedAtTheNextStart() {
        LocalKeyVault real = EmbeddedBank.localVault(directory);
        EmbeddedBank cutShort = bank(new DyingAfterDestroy(real));
        KeyId kek = cutShort.store.keyring(alice).orElseThrow().kek();

        assertThatThrownBy(() -> cutShort.bank.erase(alice)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThat(real.exists(kek)).isFalse();
        cutShort.cache.forgetAll();
        assertThatThrownBy(() -> cutShort.bank.read(alice, record.id()))
                .as("a destroyed key the ledger names is an erasure, not a fault")
                .isInstanceOf(ResidentKeyDestroyedException.class);

        EmbeddedBank restarted = bank(real);
        assertThat(restarted.eraser.reapplyLedger()).isEqualTo(1);
        assertThat(restarted.bank.isEnrolled(alice)).isFalse();
        assertThat(rows(restarted)).isZero();
        assertThatThrownBy(() -> restarted.bank.read(alice, record.id())).isInstanceOf(RecordNotFoundException.class);
        assertThat(restarted.accessLog.entries()).singleElement()
                .satisfies(e -> {
                    assertThat(e.entry().action()).isEqualTo(AccessAction.ERASE);
                    assertThat(e.entry().reason()).isEqualTo("erasure-reapplied");
                });
    }

    /** An erasure stopped before the vault was asked (the vault down) is finished at the next start all the same. */
    @Test
    void anErasureStoppedBeforeTheKeyWasDestroyed_isFinishedAtTheNextStart_neverLeftHalfDone() {
        LocalKeyVault real = EmbeddedBank.localVault(directory);
        SwitchableKeyVault switchable = new SwitchableKeyVault(real);
        EmbeddedBank stopped = bank(switchable);
        KeyId kek = stopped.store.keyring(alice).orElseThrow().kek();
        switchable.goDown();

        assertThatThrownBy(() -> stopped.bank.erase(alice)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThat(real.exists(kek)).isTrue();

        EmbeddedBank restarted = bank(real);
        restarted.eraser.reapplyLedger();
        assertThat(real.exists(kek)).isFalse();
        assertThat(restarted.bank.isEnrolled(alice)).isFalse();
        assertThat(rows(restarted)).isZero();
    }

    /** Destroys the key, then fails as if the answer never came back. */
    private record DyingAfterDestroy(KeyVault real) implements KeyVault {
        @Override
        public void createKey(KeyId key) {
            real.createKey(key);
        }

        @Override
        public org.azukari.trustbank.keys.WrappedKey wrap(KeyId key, org.azukari.trustbank.keys.DataKey dataKey,
                                                          org.azukari.trustbank.keys.KeyContext context) {
            return real.wrap(key, dataKey, context);
        }

        @Override
        public org.azukari.trustbank.keys.DataKey unwrap(KeyId key, org.azukari.trustbank.keys.WrappedKey wrapped,
                                                         org.azukari.trustbank.keys.KeyContext context) {
            return real.unwrap(key, wrapped, context);
        }

        @Override
        public void rotate(KeyId key) {
            real.rotate(key);
        }

        @Override
        public org.azukari.trustbank.keys.WrappedKey rewrap(KeyId key, org.azukari.trustbank.keys.WrappedKey wrapped,
                                                            org.azukari.trustbank.keys.KeyContext context) {
            return real.rewrap(key, wrapped, context);
        }

        @Override
        public void retireVersionsBelow(KeyId key, int minimumVersion) {
            real.retireVersionsBelow(key, minimumVersion);
        }

        @Override
        public void destroy(KeyId key) {
            real.destroy(key);
            throw new KeyVaultUnavailableException("no answer after the destroy");
        }

        @Override
        public boolean exists(KeyId key) {
            return real.exists(key);
        }
    }
}
