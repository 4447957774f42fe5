package org.azukari.trustbank.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.MutableClock;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Authentication;
import org.junit.jupiter.api.Test;

/** How the transit key vault authenticates: tokens, AppRole, expiry and refusal, against the shared dev server. */
class VaultCredentialsIT {

    private final VaultAdmin admin = SharedVault.admin();
    private final KeyContext context = new KeyContext(ResidentId.random(), 1);
    private final DataKey dataKey = DataKey.generate();

    @Test
    void wrapAndUnwrap_withATokenOfTheBankPolicy_work() {
        VaultTransitKeyVault vault = new VaultTransitKeyVault(SharedVault.settings(
                Authentication.token(admin.createToken("azukari-bank"))));
        KeyId key = KeyId.random();
        vault.createKey(key);

        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        assertThat(vault.unwrap(key, wrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
        vault.destroy(key);
    }

    @Test
    void anyCall_withABadToken_isDenied() {
        VaultTransitKeyVault vault = new VaultTransitKeyVault(SharedVault.settings(Authentication.token("s.not-a-real-token")));

        assertThatThrownBy(() -> vault.createKey(KeyId.random())).isInstanceOf(KeyVaultDeniedException.class);
        assertThatThrownBy(() -> vault.exists(KeyId.random())).isInstanceOf(KeyVaultDeniedException.class);
    }

    @Test
    void anyCall_withATokenOfAnotherPolicy_isDenied() {
        VaultTransitKeyVault vault = new VaultTransitKeyVault(SharedVault.settings(Authentication.token(admin.createToken("default"))));

        assertThatThrownBy(() -> vault.createKey(KeyId.random()))
                .isInstanceOf(KeyVaultDeniedException.class)
                .hasMessageStartingWith("TB-0102 key vault denied create, key rk-");
    }

    @Test
    void anyCall_withAWrongSecretId_isDenied() {
        VaultKeyVaultSettings bank = SharedVault.bankAppRole();
        String roleId = ((VaultKeyVaultSettings.AppRole) bank.auth()).roleId();
        VaultTransitKeyVault vault = new VaultTransitKeyVault(SharedVault.settings(Authentication.appRole(roleId, "wrong-secret-id")));

        assertThatThrownBy(() -> vault.exists(KeyId.random()))
                .isInstanceOf(KeyVaultDeniedException.class)
                .hasMessage("TB-0102 key vault denied login");
    }

    @Test
    void calls_afterTheAppRoleTokenIsUsedUp_logInOnceMoreAndCarryOn() {
        String[] role = admin.createAppRole("azukari-it-short-token", "azukari-bank", 3, "1h");
        VaultTransitKeyVault vault = new VaultTransitKeyVault(SharedVault.settings(Authentication.appRole(role[0], role[1])));
        KeyId key = KeyId.random();
        vault.createKey(key);
        WrappedKey wrapped = vault.wrap(key, dataKey, context);

        for (int i = 0; i < 6; i++) {
            assertThat(vault.unwrap(key, wrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
        }

        assertThat(vault.logins()).isGreaterThanOrEqualTo(3);
        vault.destroy(key);
    }

    @Test
    void calls_lateInTheTokensLifetime_logInAgainBeforeItExpires() {
        String[] role = admin.createAppRole("azukari-it-renewal", "azukari-bank", 0, "1h");
        MutableClock clock = new MutableClock(Instant.now());
        VaultTransitKeyVault vault = new VaultTransitKeyVault(SharedVault.settings(Authentication.appRole(role[0], role[1])), clock);
        KeyId key = KeyId.random();
        vault.createKey(key);
        assertThat(vault.logins()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(49));
        vault.exists(key);

        assertThat(vault.logins()).isEqualTo(2);
        vault.destroy(key);
    }
}
