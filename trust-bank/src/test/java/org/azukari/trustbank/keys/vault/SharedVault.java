package org.azukari.trustbank.keys.vault;

import java.net.URI;
import java.time.Duration;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Authentication;
import org.azukari.trustbank.testing.RequiredEnv;

/** The shared OpenBao dev server that {@code infra/test} starts, as the tests reach it. */
final class SharedVault {

    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private SharedVault() {
    }

    static URI address() {
        return URI.create(RequiredEnv.get("AZUKARI_IT_VAULT_ADDR"));
    }

    /** The bank's own AppRole, bound to the policy in infra/openbao/azukari-bank.hcl. */
    static VaultKeyVaultSettings bankAppRole() {
        return settings(Authentication.appRole(RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"),
                RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID")));
    }

    static VaultKeyVaultSettings settings(Authentication auth) {
        return new VaultKeyVaultSettings(address(), "transit", auth, OPEN_TIMEOUT, READ_TIMEOUT);
    }

    static VaultAdmin admin() {
        return new VaultAdmin(address(), RequiredEnv.get("AZUKARI_IT_VAULT_TOKEN"));
    }
}
