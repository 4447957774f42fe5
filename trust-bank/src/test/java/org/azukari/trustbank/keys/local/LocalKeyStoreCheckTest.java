package org.azukari.trustbank.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.azukari.trustbank.keys.KeyId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up check of the local key directory against the keyrings the database holds: a first
 * start makes the directory; a lost one refuses the start; some keys missing start the bank
 * (those residents answer 503 until their files are back). The whole configuration is started
 * over H2 in the server's {@code KeyDirectoryLostAtStartTest}.
 */
class LocalKeyStoreCheckTest {

    @TempDir
    Path directory;

    private LocalKeyDirectory keys;
    private LocalKeyVault vault;
    private LocalKeyStoreCheck check;
    private final KeyId kept = KeyId.random();
    private final KeyId lost = KeyId.random();

    @BeforeEach
    void directory() {
        keys = new LocalKeyDirectory(directory.resolve("keys"), LocalMasterKey.fromFile(directory.resolve("master.key"), true));
        vault = new LocalKeyVault(keys);
        check = vault.startupCheck();
    }

    @Test
    void aFirstStart_makesTheEmptyDirectory() {
        check.beforeLedger(List.of(), Set.of());

        assertThat(directory.resolve("keys")).isEmptyDirectory();
    }

    @Test
    void aMissingDirectory_whileKeyringsNeedIt_refusesTheStart_andMakesNothing() {
        assertThatThrownBy(() -> check.beforeLedger(List.of(kept), Set.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TB-0417")
                .hasMessageContaining("is missing").hasMessageContaining("1 residents' keyrings");
        assertThat(directory.resolve("keys")).doesNotExist();
    }

    @Test
    void aMissingDirectory_whoseOnlyKeyringsTheLedgerErased_isAFirstStart() {
        check.beforeLedger(List.of(lost), Set.of(lost));

        assertThat(directory.resolve("keys")).isDirectory();
    }

    @Test
    void aDirectoryHoldingNoneOfTheKeys_refusesTheStart() throws Exception {
        Files.createDirectories(directory.resolve("keys"));

        check.beforeLedger(List.of(kept, lost), Set.of());
        assertThatThrownBy(() -> check.afterLedger(List.of(kept, lost)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TB-0417")
                .hasMessageContaining("holds none of their keys");
    }

    @Test
    void someKeysMissing_startsTheBank_andOnlyThoseResidentsWait() {
        keys.createEmpty();
        vault.createKey(kept);

        check.afterLedger(List.of(kept, lost));

        assertThat(vault.exists(kept)).isTrue();
    }
}
