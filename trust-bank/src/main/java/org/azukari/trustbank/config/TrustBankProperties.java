package org.azukari.trustbank.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.trust-bank.*}: which key vault, how long unwrapped data keys stay in memory,
 * and where the erasure ledger lives. Secrets (master key, Vault token, AppRole secret id)
 * come from the environment, never from a file in the repository.
 */
@ConfigurationProperties("azukari.trust-bank")
public record TrustBankProperties(KeyVault keyVault, @DefaultValue KeyCache keyCache, Path erasureLedger) {

    public enum Kind { LOCAL, VAULT }

    public record KeyVault(@DefaultValue("local") Kind kind, @DefaultValue Local local, @DefaultValue Vault vault) {
    }

    /** The embedded default: key files under {@code keyDirectory}, sealed by a master key from the environment or a file. */
    public record Local(Path keyDirectory, String masterKey, Path masterKeyFile,
                        @DefaultValue("true") boolean createMasterKeyFile) {

        @Override
        public String toString() {
            return "Local[keyDirectory=" + keyDirectory + ", masterKeyFile=" + masterKeyFile + "]";
        }
    }

    public enum Auth { TOKEN, APPROLE }

    /** Vault or OpenBao transit. */
    public record Vault(String address, @DefaultValue("transit") String transitMount, @DefaultValue("token") Auth auth,
                        String token, @DefaultValue AppRole approle,
                        @DefaultValue("2s") Duration openTimeout, @DefaultValue("5s") Duration readTimeout) {

        @Override
        public String toString() {
            return "Vault[address=" + address + ", transitMount=" + transitMount + ", auth=" + auth + "]";
        }
    }

    public record AppRole(@DefaultValue("approle") String mount, String roleId, String secretId) {

        @Override
        public String toString() {
            return "AppRole[mount=" + mount + "]";
        }
    }

    /** Bounded in number and in time: a stolen heap dump holds at most this many residents' keys, this fresh. */
    public record KeyCache(@DefaultValue("10000") long maximumKeys, @DefaultValue("10m") Duration timeToLive) {
    }
}
