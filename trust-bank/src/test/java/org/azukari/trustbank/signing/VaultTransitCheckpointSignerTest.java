package org.azukari.trustbank.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Authentication;
import org.junit.jupiter.api.Test;

/** What the transit signer decides without a vault: a closed port stands in for one that is down. */
class VaultTransitCheckpointSignerTest {

    private static final byte[] PAYLOAD = "checkpoint".getBytes(StandardCharsets.UTF_8);

    private final VaultKeyVaultSettings down = settingsAt(closedPort());

    @Test
    void start_withTheVaultDown_succeeds_andTheFirstSignatureFailsUnavailable() {
        VaultTransitCheckpointSigner signer = new VaultTransitCheckpointSigner(down);

        assertThatThrownBy(() -> signer.sign(PAYLOAD))
                .isInstanceOf(KeyVaultUnavailableException.class)
                .hasMessageStartingWith("TB-0101");
    }

    @Test
    void verify_ofMalformedText_isFalse_withoutAskingTheVault() {
        VaultTransitCheckpointSigner signer = new VaultTransitCheckpointSigner(down);

        for (String garbage : new String[] {"", "vault:", "vault:v1:", "vault:v0:AAAA", "vault:v01:AAAA", "local:v1:AAAA",
                "vault:v1:AA AA", "vault:v1:" + "A".repeat(200), "vault:vx:AAAA", "VAULT:V1:AAAA", "vault:v1:AAAA=="
                        + "=", "vault:v1:AAAA\n"}) {
            assertThat(signer.verify(PAYLOAD, garbage)).as(garbage).isFalse();
        }
        assertThat(signer.verify(PAYLOAD, null)).isFalse();
        assertThat(signer.verify(null, "vault:v1:AAAA")).isFalse();
    }

    @Test
    void verify_ofWellFormedText_withTheVaultDown_failsUnavailable_ratherThanSayingTampered() {
        VaultTransitCheckpointSigner signer = new VaultTransitCheckpointSigner(down);

        assertThatThrownBy(() -> signer.verify(PAYLOAD, "vault:v1:MEUCIQDx")).isInstanceOf(KeyVaultUnavailableException.class);
    }

    @Test
    void keyName_namesTheTransitKey() {
        assertThat(new VaultTransitCheckpointSigner(down).keyName()).isEqualTo("transit:accesslog-checkpoints");
        assertThat(new VaultTransitCheckpointSigner(down, "other-key").keyName()).isEqualTo("transit:other-key");
        assertThat(new VaultTransitCheckpointSigner(down).toString()).doesNotContain("secret");
    }

    @Test
    void start_withAKeyNameThatIsAPath_isRefused() {
        for (String name : new String[] {"", "a/b", "../keys/rk-x", "Accesslog", "key?x=1", "a b"}) {
            assertThatThrownBy(() -> new VaultTransitCheckpointSigner(down, name))
                    .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TB-0601");
        }
    }

    private static VaultKeyVaultSettings settingsAt(int port) {
        return new VaultKeyVaultSettings(URI.create("http://127.0.0.1:" + port), "transit",
                Authentication.appRole("role-id", "secret-id-value"), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
