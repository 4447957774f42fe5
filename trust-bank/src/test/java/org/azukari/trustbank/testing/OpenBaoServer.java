package org.azukari.trustbank.testing;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * A private, non-dev OpenBao server for fault tests: integrated (raft) storage in a temp
 * directory, a loopback listener on a free port, initialised with one unseal key, transit
 * mounted and the bank's policy written. It can be stopped, started again on the same port
 * and storage (it then comes up sealed), sealed and unsealed. Readiness is polled with a
 * deadline. {@link #close()} kills the process and deletes the directory.
 *
 * <p>OpenBao 2.x has no "file" storage backend and no {@code disable_mlock} setting any more,
 * so raft it is; a single raft node needs a cluster address, which takes the next port.
 */
public final class OpenBaoServer implements AutoCloseable {

    public static final String BANK_POLICY = "azukari-bank";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path baoBinary;
    private final Path directory;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Cleans up if the test JVM is stopped (e.g. infra/test interrupted) before {@link #close()}. */
    private final Thread cleanupAtExit = new Thread(this::stopAndDelete, "openbao-cleanup");
    private volatile Process process;
    private String unsealKey;
    private String rootToken;

    private OpenBaoServer(Path baoBinary, Path directory, int port) {
        this.baoBinary = baoBinary;
        this.directory = directory;
        this.port = port;
    }

    /** Starts, initialises and unseals a fresh server, mounts transit and writes {@code policyFile} as the bank policy. */
    public static OpenBaoServer startFresh(Path baoBinary, Path policyFile) {
        OpenBaoServer server = null;
        try {
            server = new OpenBaoServer(baoBinary, Files.createTempDirectory("azukari-openbao-"), freePortPair());
            Runtime.getRuntime().addShutdownHook(server.cleanupAtExit);
            Files.createDirectories(server.directory.resolve("raft"));
            Files.writeString(server.directory.resolve("server.hcl"), server.config());
            server.start();
            JsonObject init = server.call("PUT", "sys/init", null, Json.object().add("secret_shares", 1).add("secret_threshold", 1), 200);
            server.unsealKey = init.get("keys_base64").asArray().get(0).asString();
            server.rootToken = init.get("root_token").asString();
            server.unseal();
            server.call("POST", "sys/mounts/transit", server.rootToken, Json.object().add("type", "transit"), 204);
            server.call("PUT", "sys/policies/acl/" + BANK_POLICY, server.rootToken,
                    Json.object().add("policy", Files.readString(policyFile)), 204);
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeQuietly(server);
            throw e;
        }
    }

    public URI address() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String rootToken() {
        return rootToken;
    }

    /** A one-hour token carrying only {@code policy} (no default policy). */
    public String createToken(String policy) {
        JsonObject body = Json.object().add("policies", Json.array(policy)).add("no_default_policy", true).add("ttl", "1h");
        return call("POST", "auth/token/create", rootToken, body, 200).get("auth").asObject().get("client_token").asString();
    }

    /** Starts the server process on the same port and storage; it answers, sealed, when this returns. */
    public void start() {
        if (isRunning()) {
            return;
        }
        try {
            process = new ProcessBuilder(baoBinary.toString(), "server", "-config=" + directory.resolve("server.hcl"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + baoBinary, e);
        }
        awaitHealth("the server to answer", status -> status > 0);
    }

    /** Kills the server process and waits for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Unseals and waits until the server is active (health 200). */
    public void unseal() {
        call("PUT", "sys/unseal", null, Json.object().add("key", unsealKey), 200);
        awaitHealth("the server to be unsealed and active", status -> status == 200);
    }

    /** Seals the running server and waits until it says so (health 503). */
    public void seal() {
        call("PUT", "sys/seal", rootToken, null, 204);
        awaitHealth("the server to be sealed", status -> status == 503);
    }

    /** Back to a running, unsealed server, whatever a test left behind. */
    public void ensureRunningAndUnsealed() {
        start();
        if (health() != 200) {
            unseal();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it cleans up
        }
        stopAndDelete();
    }

    private synchronized void stopAndDelete() {
        stop();
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String config() {
        return """
                storage "raft" {
                  path    = "%s"
                  node_id = "azukari-test"
                }
                listener "tcp" {
                  address     = "127.0.0.1:%d"
                  tls_disable = true
                }
                api_addr     = "http://127.0.0.1:%d"
                cluster_addr = "http://127.0.0.1:%d"
                ui           = false
                """.formatted(directory.resolve("raft"), port, port, port + 1);
    }

    private int health() {
        try {
            HttpRequest request = HttpRequest.newBuilder(address().resolve("/v1/sys/health")).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void awaitHealth(String what, IntPredicate ready) {
        Instant deadline = Instant.now().plus(STARTUP);
        while (!ready.test(health())) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("openbao exited while waiting for " + what + "; see " + directory.resolve("server.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what + "; see " + directory.resolve("server.log"));
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the pause between polls, not a wait for an outcome
        }
    }

    private JsonObject call(String method, String path, String token, JsonObject body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(address().resolve("/v1/" + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
            }
            return response.body().isEmpty() ? Json.object() : Json.parse(response.body()).asObject();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void closeQuietly(OpenBaoServer server) {
        if (server != null) {
            server.close();
        }
    }

    /**
     * A free port whose successor is free too (raft's cluster listener): any free pair, or one
     * within {@code AZUKARI_IT_BAO_PORTS} ({@code first-last}) when a machine shared by several
     * test runs hands each its own range.
     */
    private static int freePortPair() throws IOException {
        String range = System.getenv("AZUKARI_IT_BAO_PORTS");
        if (range != null && !range.isBlank()) {
            String[] bounds = range.trim().split("-");
            int first = Integer.parseInt(bounds[0]);
            int last = Integer.parseInt(bounds[1]);
            for (int port = first; port < last; port++) {
                if (free(port) && free(port + 1)) {
                    return port;
                }
            }
            throw new IOException("no free pair of loopback ports in " + range);
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket second = new ServerSocket(first.getLocalPort() + 1, 1, InetAddress.getLoopbackAddress())) {
                return first.getLocalPort();
            } catch (IOException | IllegalArgumentException busy) {
                // the successor is taken: try another pair
            }
        }
        throw new IOException("no free pair of loopback ports");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException busy) {
            return false;
        }
    }
}
