package org.azukari.trustbank.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transit key vault against the shared OpenBao dev server, authenticated as the bank's
 * AppRole, so every call here also proves that infra/openbao/azukari-bank.hcl suffices.
 */
class VaultTransitKeyVaultIT {

    private final VaultTransitKeyVault vault = new VaultTransitKeyVault(SharedVault.bankAppRole());
    private final VaultAdmin admin = SharedVault.admin();
    private final List<KeyId> created = new ArrayList<>();
    private final KeyContext context = new KeyContext(ResidentId.random(), 1);
    private final DataKey dataKey = DataKey.generate();
    private KeyId key;

    @BeforeEach
    void createKey() {
        key = newKey();
    }

    @AfterEach
    void destroyKeys() {
        created.forEach(vault::destroy);
    }

    @Test
    void unwrap_ofWrappedKey_givesTheSameDataKey() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThat(wrapped.text()).startsWith("vault:v1:");
        assertThat(vault.unwrap(key, wrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void unwrap_withAnotherResidentsContext_failsUnreadable() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThatThrownBy(() -> vault.unwrap(key, wrapped, new KeyContext(ResidentId.random(), 1)))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void unwrap_withAnotherDataKeyGeneration_failsUnreadable() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThatThrownBy(() -> vault.unwrap(key, wrapped, new KeyContext(context.resident(), 2)))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void unwrap_underAnotherResidentsKey_failsUnreadable() {
        KeyId other = newKey();
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThatThrownBy(() -> vault.unwrap(other, wrapped, context)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void unwrap_tamperedCiphertext_failsUnreadableWithAnOpaqueMessage() {
        String text = vault.wrap(key, dataKey, context).text();
        int i = text.length() / 2;
        WrappedKey tampered = new WrappedKey(text.substring(0, i) + (text.charAt(i) == 'A' ? 'B' : 'A') + text.substring(i + 1));

        assertThatThrownBy(() -> vault.unwrap(key, tampered, context))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessage("TB-0201 wrapped data key unreadable")
                .hasNoCause();
    }

    @Test
    void unwrap_truncatedCiphertext_failsUnreadable() {
        WrappedKey truncated = new WrappedKey("vault:v1:AAAA");

        assertThatThrownBy(() -> vault.unwrap(key, truncated, context)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void unwrap_ofWrappedKeyFromTheFuture_failsUnreadable() {
        String text = vault.wrap(key, dataKey, context).text();

        assertThatThrownBy(() -> vault.unwrap(key, new WrappedKey(text.replace("vault:v1:", "vault:v9:")), context))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void rotate_thenOldWrappedKey_stillUnwraps() {
        WrappedKey old = vault.wrap(key, dataKey, context);

        vault.rotate(key);

        assertThat(vault.unwrap(key, old, context).keyBytes()).isEqualTo(dataKey.keyBytes());
        assertThat(vault.wrap(key, dataKey, context).keyVersion()).isEqualTo(2);
    }

    @Test
    void rewrap_afterRotate_givesTheLatestVersion() {
        WrappedKey old = vault.wrap(key, dataKey, context);
        vault.rotate(key);

        WrappedKey rewrapped = vault.rewrap(key, old, context);

        assertThat(rewrapped.keyVersion()).isEqualTo(2);
        assertThat(vault.unwrap(key, rewrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void rewrap_withAnotherResidentsContext_failsUnreadable() {
        WrappedKey old = vault.wrap(key, dataKey, context);
        vault.rotate(key);

        assertThatThrownBy(() -> vault.rewrap(key, old, new KeyContext(ResidentId.random(), 1)))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void retireVersionsBelow_thenOldWrappedKey_failsUnreadable() {
        WrappedKey old = vault.wrap(key, dataKey, context);
        vault.rotate(key);
        WrappedKey rewrapped = vault.rewrap(key, old, context);

        vault.retireVersionsBelow(key, 2);

        assertThatThrownBy(() -> vault.unwrap(key, old, context)).isInstanceOf(UnreadableRecordException.class);
        assertThat(vault.unwrap(key, rewrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void retireVersionsBelow_aLowerVersionLater_doesNotReviveRetiredVersions() {
        WrappedKey old = vault.wrap(key, dataKey, context);
        vault.rotate(key);
        vault.retireVersionsBelow(key, 2);

        vault.retireVersionsBelow(key, 1);

        assertThatThrownBy(() -> vault.unwrap(key, old, context)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void retireVersionsBelow_aboveTheLatestVersion_isRefused() {
        assertThatThrownBy(() -> vault.retireVersionsBelow(key, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void destroy_thenUnwrap_failsKeyDestroyed_andTheKeyNoLongerExists() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        vault.destroy(key);

        assertThatThrownBy(() -> vault.unwrap(key, wrapped, context))
                .isInstanceOf(ResidentKeyDestroyedException.class)
                .hasMessage("TB-0103 key-encryption key " + key + " does not exist");
        assertThat(vault.exists(key)).isFalse();
        assertThat(admin.readKey(key).status()).isEqualTo(404);
    }

    @Test
    void destroy_twice_succeeds() {
        vault.destroy(key);

        vault.destroy(key);

        assertThat(vault.exists(key)).isFalse();
    }

    @Test
    void destroy_ofAKeyNeverCreated_succeeds() {
        vault.destroy(KeyId.random());
    }

    @Test
    void wrap_afterDestroy_failsKeyDestroyed_andDoesNotCreateTheKeyAgain() {
        vault.destroy(key);

        assertThatThrownBy(() -> vault.wrap(key, dataKey, context)).isInstanceOf(ResidentKeyDestroyedException.class);
        assertThat(vault.exists(key)).isFalse();
    }

    @Test
    void rotate_afterDestroy_failsKeyDestroyed() {
        vault.destroy(key);

        assertThatThrownBy(() -> vault.rotate(key)).isInstanceOf(ResidentKeyDestroyedException.class);
    }

    @Test
    void createKey_makesAKeyThatCannotLeaveTheVaultNorBeDeleted() {
        VaultAdmin.Answer config = admin.readKey(key);

        assertThat(config.data().get("type").asString()).isEqualTo("aes256-gcm96");
        assertThat(config.data().get("exportable").asBoolean()).isFalse();
        assertThat(config.data().get("allow_plaintext_backup").asBoolean()).isFalse();
        assertThat(config.data().get("deletion_allowed").asBoolean()).isFalse();
        assertThat(admin.deleteKey(key).status()).as("even root cannot delete it before destroy").isEqualTo(400);
        assertThat(vault.exists(key)).isTrue();
    }

    @Test
    void createKey_again_keepsTheExistingKey() {
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        vault.createKey(key);

        assertThat(vault.unwrap(key, wrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void exists_ofAKeyNeverCreated_isFalse() {
        assertThat(vault.exists(KeyId.random())).isFalse();
    }

    @Test
    void policy_refusesKeysOutsideTheResidentPrefix_sysPathsAndKeyExport() {
        for (String path : List.of("transit/keys/not-a-resident-key", "transit/keys?list=true", "sys/policies/acl",
                "sys/mounts", "transit/export/encryption-key/" + key.value(), "transit/backup/" + key.value())) {
            TransitReply reply = vault.client().read(Operation.READ, null, path);

            assertThat(VaultErrors.forStatus(Operation.READ, reply.status(), null, reply.keyNotFound()))
                    .as(path).isInstanceOf(KeyVaultDeniedException.class);
        }
        assertThat(vault.logins()).as("a policy denial is not taken for an expired token").isEqualTo(1);
    }

    @Test
    void keyVault_onAnotherMount_isDenied() {
        VaultKeyVaultSettings bank = SharedVault.bankAppRole();
        VaultTransitKeyVault elsewhere = new VaultTransitKeyVault(new VaultKeyVaultSettings(bank.address(), "secret",
                bank.auth(), bank.openTimeout(), bank.readTimeout()));

        assertThatThrownBy(() -> elsewhere.createKey(KeyId.random())).isInstanceOf(KeyVaultDeniedException.class);
    }

    private KeyId newKey() {
        KeyId id = KeyId.random();
        vault.createKey(id);
        created.add(id);
        return id;
    }
}
