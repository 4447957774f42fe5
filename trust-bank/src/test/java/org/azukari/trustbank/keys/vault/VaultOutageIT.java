package org.azukari.trustbank.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Authentication;
import org.azukari.trustbank.testing.OpenBaoServer;
import org.azukari.trustbank.testing.RequiredEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Outages of a private, persistent OpenBao: stopped, restarted, sealed. The bank fails closed
 * while the vault cannot serve, within its timeouts, and the same instance carries on once it can.
 */
class VaultOutageIT {

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** Connect plus read timeout, and slack for a loaded build machine. */
    private static final Duration BOUND = OPEN_TIMEOUT.plus(READ_TIMEOUT).plusSeconds(2);

    private static OpenBaoServer server;
    private static VaultTransitKeyVault vault;

    private final KeyContext context = new KeyContext(ResidentId.random(), 1);
    private final DataKey dataKey = DataKey.generate();
    private KeyId key;
    private WrappedKey wrapped;

    @BeforeAll
    static void startServer() {
        server = OpenBaoServer.startFresh(Path.of(RequiredEnv.get("AZUKARI_IT_BAO_BIN")),
                Path.of(RequiredEnv.get("AZUKARI_IT_VAULT_POLICY_FILE")));
        vault = new VaultTransitKeyVault(settings(server.address(), server.createToken(OpenBaoServer.BANK_POLICY)));
    }

    @AfterAll
    static void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void wrapADataKey() {
        server.ensureRunningAndUnsealed();
        key = KeyId.random();
        vault.createKey(key);
        wrapped = vault.wrap(key, dataKey, context);
    }

    @Test
    void everyCall_whileTheServerIsStopped_failsUnavailableWithinTheTimeouts() {
        server.stop();

        assertAllFailUnavailableWithinBound(List.of(
                v -> v.unwrap(key, wrapped, context), v -> v.wrap(key, dataKey, context),
                v -> v.exists(key), v -> v.destroy(key), v -> v.createKey(KeyId.random())));
    }

    @Test
    void unwrap_afterRestartAndUnseal_recoversWithTheSameInstance() {
        server.stop();
        assertThatThrownBy(() -> vault.unwrap(key, wrapped, context)).isInstanceOf(KeyVaultUnavailableException.class);

        server.start();
        assertThatThrownBy(() -> vault.unwrap(key, wrapped, context))
                .as("restarted, still sealed").isInstanceOf(KeyVaultUnavailableException.class);
        server.unseal();

        assertThat(vault.unwrap(key, wrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void everyCall_whileSealed_failsUnavailable_andNothingIsReleased() {
        server.seal();

        assertAllFailUnavailableWithinBound(List.of(
                v -> v.unwrap(key, wrapped, context), v -> v.rewrap(key, wrapped, context), v -> v.wrap(key, dataKey, context),
                v -> v.exists(key), v -> v.destroy(key), v -> v.rotate(key)));

        server.unseal();
        assertThat(vault.exists(key)).as("a sealed vault destroyed nothing").isTrue();
        assertThat(vault.unwrap(key, wrapped, context).keyBytes()).isEqualTo(dataKey.keyBytes());
    }

    @Test
    void anyCall_withATokenOfAnotherPolicy_isDenied() {
        VaultTransitKeyVault other = new VaultTransitKeyVault(settings(server.address(), server.createToken("default")));

        assertThatThrownBy(() -> other.unwrap(key, wrapped, context)).isInstanceOf(KeyVaultDeniedException.class);
        assertThatThrownBy(() -> other.destroy(key)).isInstanceOf(KeyVaultDeniedException.class);
        assertThat(vault.exists(key)).isTrue();
    }

    @Test
    void unwrap_fromAServerThatNeverAnswers_failsUnavailableAfterTheReadTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> holdConnectionsOpen(silent));
            acceptor.setDaemon(true);
            acceptor.start();
            VaultTransitKeyVault hung = new VaultTransitKeyVault(settings(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), "s.any-token"));

            long start = System.nanoTime();
            assertThatThrownBy(() -> hung.unwrap(key, wrapped, context)).isInstanceOf(KeyVaultUnavailableException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(READ_TIMEOUT).isLessThan(BOUND);
        }
    }

    private static void assertAllFailUnavailableWithinBound(List<ThrowingConsumer<VaultTransitKeyVault>> calls) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ThrowingConsumer<VaultTransitKeyVault> call = calls.get(i);
            long start = System.nanoTime();
            assertThatThrownBy(() -> call.accept(vault)).as("call %d", i).isInstanceOf(KeyVaultUnavailableException.class)
                    .hasMessageStartingWith("TB-0101 ");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(BOUND) > 0) {
                failures.add("call " + i + " took " + took);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void holdConnectionsOpen(ServerSocket socket) {
        List<Socket> held = new ArrayList<>();
        try {
            while (!socket.isClosed()) {
                held.add(socket.accept()); // accepted, never answered
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private static VaultKeyVaultSettings settings(URI address, String token) {
        return new VaultKeyVaultSettings(address, "transit", Authentication.token(token), OPEN_TIMEOUT, READ_TIMEOUT);
    }
}
