package org.azukari.trustbank.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyVaultTest {

    @TempDir
    Path directory;

    private LocalKeyVault vault;
    private final KeyId key = KeyId.random();
    private final KeyContext context = new KeyContext(ResidentId.random(), 1);
    private final DataKey dataKey = DataKey.generate();

    @BeforeEach
    void createKey() {
        LocalKeyDirectory keys = new LocalKeyDirectory(directory.resolve("keys"),
                LocalMasterKey.fromFile(directory.resolve("master.key"), true));
        keys.createEmpty();
        vault = new LocalKeyVault(keys);
        vault.createKey(key);
    }

    /** Moves the key directory away, as a lost volume or a restore without it does. */
    private Path loseTheKeyDirectory() throws Exception {
        return Files.move(directory.resolve("keys"), directory.resolve("keys-elsewhere"));
    }

    @Test
    void unwrap_withTheKeyDirectoryMissing_isUnavailable_notADestroyedKey() throws Exception {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);
        loseTheKeyDirectory();

        assertThatThrownBy(() -> vault.unwrap(key, wrapped, context))
                .isInstanceOf(KeyVaultUnavailableException.class).hasMessageStartingWith("TB-0101");
    }

    @Test
    void createKey_withTheKeyDirectoryMissing_isUnavailable_andMakesNoEmptyDirectory() throws Exception {
        loseTheKeyDirectory();

        assertThatThrownBy(() -> vault.createKey(KeyId.random()))
                .isInstanceOf(KeyVaultUnavailableException.class).hasMessageStartingWith("TB-0101");
        assertThat(directory.resolve("keys")).doesNotExist();
    }

    @Test
    void everyCall_whenTheKeyDirectoryCannotBeUsed_isUnavailable() throws Exception {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);
        loseTheKeyDirectory();
        Files.writeString(directory.resolve("keys"), "not a directory"); // unreadable and unwritable, even for root

        assertThatThrownBy(() -> vault.unwrap(key, wrapped, context)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThatThrownBy(() -> vault.createKey(KeyId.random())).isInstanceOf(KeyVaultUnavailableException.class);
        assertThatThrownBy(() -> vault.rotate(key)).isInstanceOf(KeyVaultUnavailableException.class);
    }

    @Test
    void destroy_withTheKeyDirectoryMissing_isUnavailable_notASuccess() throws Exception {
        loseTheKeyDirectory();

        assertThatThrownBy(() -> vault.destroy(key)).isInstanceOf(KeyVaultUnavailableException.class);
    }

    @Test
    void unwrap_ofWrappedKey_givesTheSameDataKey() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThat(wrapped.text()).startsWith("local:v1:");
        assertThat(vault.unwrap(key, wrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void unwrap_withAnotherResidentsContext_fails() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThatThrownBy(() -> vault.unwrap(key, wrapped, new KeyContext(ResidentId.random(), 1)))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void unwrap_underAnotherKey_fails() {
        KeyId other = KeyId.random();
        vault.createKey(other);
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThatThrownBy(() -> vault.unwrap(other, wrapped, context)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void unwrap_ofTamperedWrappedKey_fails() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);
        byte[] raw = Base64.getDecoder().decode(wrapped.text().substring("local:v1:".length()));
        raw[raw.length - 1] ^= 1;
        WrappedKey tampered = new WrappedKey("local:v1:" + Base64.getEncoder().encodeToString(raw));

        assertThatThrownBy(() -> vault.unwrap(key, tampered, context)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void rotate_keepsOldWrappedKeysReadable_andRewrapMovesThemToTheNewVersion() {
        WrappedKey old = vault.wrap(key, dataKey, context);
        vault.rotate(key);
        WrappedKey rewrapped = vault.rewrap(key, old, context);

        assertThat(vault.unwrap(key, old, context).keyBytes()).isEqualTo(dataKey.keyBytes());
        assertThat(rewrapped.keyVersion()).isEqualTo(2);
        assertThat(vault.unwrap(key, rewrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void retireVersionsBelow_makesOlderWrappedKeysUnreadable() {
        WrappedKey old = vault.wrap(key, dataKey, context);
        vault.rotate(key);
        WrappedKey rewrapped = vault.rewrap(key, old, context);
        vault.retireVersionsBelow(key, 2);

        assertThatThrownBy(() -> vault.unwrap(key, old, context)).isInstanceOf(UnreadableRecordException.class);
        assertThat(vault.unwrap(key, rewrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void destroy_makesEveryWrappedKeyUnreadableForGood() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);
        vault.destroy(key);

        assertThat(vault.exists(key)).isFalse();
        assertThatThrownBy(() -> vault.unwrap(key, wrapped, context)).isInstanceOf(ResidentKeyDestroyedException.class);
        vault.destroy(key);
    }

    @Test
    void keyFile_renamedToAnotherKeyId_doesNotOpen() throws Exception {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);
        KeyId other = KeyId.random();
        Files.copy(directory.resolve("keys").resolve(key + ".kek"), directory.resolve("keys").resolve(other + ".kek"));

        assertThatThrownBy(() -> vault.unwrap(other, wrapped, context)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void keyFile_underAnotherMasterKey_doesNotOpen() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);
        byte[] otherMaster = new byte[32];
        LocalKeyVault stranger = new LocalKeyVault(new LocalKeyDirectory(directory.resolve("keys"),
                LocalMasterKey.fromBase64(Base64.getEncoder().encodeToString(otherMaster))));

        assertThatThrownBy(() -> stranger.unwrap(key, wrapped, context)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void masterKey_ofWrongLength_isRefusedAtStart() {
        assertThatThrownBy(() -> LocalMasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TB-0414");
        assertThatThrownBy(() -> LocalMasterKey.fromBase64("not base64 !"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LocalMasterKey.fromFile(directory.resolve("master.key"), false).toString()).doesNotContain("=");
    }

    @Test
    void masterKeyFile_isCreatedReadableByTheOwnerOnly() throws Exception {
        Path file = directory.resolve("fresh.key");
        LocalMasterKey.fromFile(file, true);

        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
