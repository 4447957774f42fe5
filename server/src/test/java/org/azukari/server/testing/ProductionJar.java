package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.RequiredEnv;

/**
 * The packaged jar run the way docs/production.md says: from the
 * repository's root, {@code java -jar server/target/azukari-server.jar} with
 * {@code --spring.config.additional-location=file:infra/production/application-production.properties}
 * and {@code --spring.profiles.active=production}, configured only through the environment
 * variables docs/production.md lists. The services are the ones {@code infra/} runs: PostgreSQL (a schema
 * of this test's own, named in {@code AZUKARI_DB_URL}), OpenBao through the bank's AppRole (not
 * the root token), Elasticsearch (an index prefix of its own). Each run's output goes to a file
 * in the data directory, quoted when something fails.
 */
public final class ProductionJar implements AutoCloseable {

    public static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    public static final List<String> DOCUMENTED_OPTIONS = List.of(
            "--spring.config.additional-location=file:infra/production/application-production.properties",
            "--spring.profiles.active=production");
    private static final Duration START_DEADLINE = Duration.ofMinutes(5);

    public record Run(int exitCode, String output) {
    }

    private final Map<String, String> environment = new HashMap<>();
    private final Path dataDir;
    private final int port;
    private Process server;
    private Path serverLog;

    public ProductionJar(PostgresDatabase database, String name) throws Exception {
        assertThat(ROOT.resolve("server/target/azukari-server.jar")).as("the packaged jar (package phase)").exists();
        dataDir = Files.createTempDirectory("azukari-" + name);
        port = freePort();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        environment.put("AZUKARI_DB_URL", database.jdbcUrl());
        environment.put("AZUKARI_DB_USER", database.user());
        environment.put("AZUKARI_DB_PASSWORD", database.password());
        environment.put("AZUKARI_DB_OWNER", database.user());
        environment.put("AZUKARI_DB_OWNER_PASSWORD", database.password());
        environment.put("VAULT_ADDR", RequiredEnv.get("AZUKARI_IT_VAULT_ADDR"));
        environment.put("AZUKARI_VAULT_ROLE_ID", RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"));
        environment.put("AZUKARI_VAULT_SECRET_ID", RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID"));
        environment.put("AZUKARI_ES_URL", RequiredEnv.get("AZUKARI_IT_ES_URL"));
        environment.put("AZUKARI_ES_INDEX_PREFIX", "it-" + name + "-" + System.nanoTime());
        environment.put("AZUKARI_IDENTITY_SECRET_KEY", Base64.getEncoder().encodeToString(secret));
        environment.put("AZUKARI_OAUTH_SIGNING_KEY",
                new ECKeyGenerator(Curve.P_256).keyID("bank-" + name).generate().toJSONString());
        environment.put("AZUKARI_PUBLIC_URL", publicUrl());
        environment.put("AZUKARI_DATA_DIR", dataDir.toString());
        environment.put("AZUKARI_CHECKPOINT_FILE", dataDir.resolve("write-once/access-log-checkpoints.txt").toString());
        environment.put("AZUKARI_PORT", Integer.toString(port));
        environment.put("AZUKARI_BIND_ADDRESS", "127.0.0.1");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String publicUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code java -jar server/target/azukari-server.jar <words> <documented options>}, from the root. */
    private ProcessBuilder jar(List<String> words, Map<String, String> extra, Path output) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "server/target/azukari-server.jar"));
        command.addAll(words);
        command.addAll(DOCUMENTED_OPTIONS);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("AZUKARI_") && !key.startsWith("AZUKARI_IT_"));
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        return builder;
    }

    /** An operator or audit command through the same jar, file and environment; waits for its exit. */
    public Run command(Map<String, String> extra, String... words) throws Exception {
        Path output = Files.createTempFile(dataDir, "command-", ".log");
        Process process = jar(List.of(words), extra, output).start();
        if (!process.waitFor(START_DEADLINE.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            throw new AssertionError(String.join(" ", words) + " did not end:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /**
     * Starts the bank and waits until it answers its health check (failing at once if it exits).
     * Each start after a {@link #kill()} logs to a file of its own.
     */
    public void start() throws Exception {
        serverLog = dataDir.resolve(serverLog == null ? "server.log" : "server-" + System.nanoTime() + ".log");
        server = jar(List.of(), Map.of(), serverLog).start();
        RawHttp http = new RawHttp(port);
        await().atMost(START_DEADLINE).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(server.isAlive()).as("the bank exited while starting:\n" + log()).isTrue();
                    return http.get("/actuator/health").status() == 200;
                });
    }

    /** SIGKILL, as the OOM killer or a power cut would: no shutdown hook, no connection closed cleanly. */
    public void kill() throws InterruptedException {
        server.destroyForcibly();
        assertThat(server.waitFor(1, TimeUnit.MINUTES)).as("the bank died").isTrue();
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    /** The server's output so far, for failure messages. */
    public String log() throws IOException {
        if (serverLog == null || !Files.exists(serverLog)) {
            return "";
        }
        String text = Files.readString(serverLog, StandardCharsets.UTF_8);
        return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
    }

    @Override
    public void close() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(1, TimeUnit.MINUTES)) {
                server.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            }
        }
    }
}
