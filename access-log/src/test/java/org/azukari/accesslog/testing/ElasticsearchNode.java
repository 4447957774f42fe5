package org.azukari.accesslog.testing;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A private single-node Elasticsearch for outage tests, from the distribution that
 * {@code infra/} installed ({@code AZUKARI_IT_ES_HOME}), run as the unprivileged
 * {@code AZUKARI_IT_ES_USER} like {@code infra/elasticsearch/start} does it: a private copy of
 * the config, data/logs/tmp in a temp directory that belongs to that user, loopback ports
 * chosen free, security off. It can be stopped and started again on the same data and ports.
 * Readiness is polled on {@code /_cluster/health} with a deadline. {@link #close()} (and a JVM
 * shutdown hook) stops it and deletes the directory. The tests run as root (infra/test).
 */
public final class ElasticsearchNode implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64";

    private final Path home;
    private final String user;
    private final Path directory;
    private final int httpPort;
    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread cleanupAtExit = new Thread(this::stopAndDelete, "elasticsearch-node-cleanup");

    private ElasticsearchNode(Path home, String user, Path directory, int httpPort, int transportPort) {
        this.home = home;
        this.user = user;
        this.directory = directory;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Starts a fresh node from {@code AZUKARI_IT_ES_HOME} as {@code AZUKARI_IT_ES_USER}; it answers when this returns. */
    public static ElasticsearchNode startFresh(Path home, String user) {
        ElasticsearchNode node = null;
        try {
            Path directory = Files.createTempDirectory(Path.of("/var/tmp"), "azukari-es-node-");
            int httpPort = freePort();
            int transportPort = freePort();
            while (transportPort == httpPort) {
                transportPort = freePort();
            }
            node = new ElasticsearchNode(home, user, directory, httpPort, transportPort);
            Runtime.getRuntime().addShutdownHook(node.cleanupAtExit);
            for (String sub : List.of("data", "logs", "tmp")) {
                Files.createDirectories(directory.resolve(sub));
            }
            run(List.of("cp", "-R", home.resolve("config").toString(), directory.resolve("config").toString()));
            run(List.of("chown", "-R", user + ":" + user, directory.toString()));
            node.start();
            return node;
        } catch (IOException e) {
            closeQuietly(node);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeQuietly(node);
            throw e;
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Starts the node (same data, same ports) and waits until the cluster is at least yellow. */
    public void start() {
        if (pid().isPresent()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("runuser", "-u", user, "--", "setsid", "env",
                "ES_JAVA_HOME=" + JAVA_HOME, "ES_JAVA_OPTS=-Xms256m -Xmx256m",
                "ES_PATH_CONF=" + directory.resolve("config"), "ES_TMPDIR=" + directory.resolve("tmp"),
                home.resolve("bin/elasticsearch").toString(), "-d", "-p", pidFile().toString(),
                "-E", "cluster.name=azukari-node-" + httpPort,
                "-E", "discovery.type=single-node",
                "-E", "xpack.security.enabled=false",
                "-E", "network.host=127.0.0.1",
                "-E", "http.port=" + httpPort,
                "-E", "transport.port=" + transportPort,
                "-E", "path.data=" + directory.resolve("data"),
                "-E", "path.logs=" + directory.resolve("logs"),
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()));
        try {
            Process launcher = builder.start();
            if (!launcher.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || launcher.exitValue() != 0) {
                launcher.destroyForcibly();
                throw new IllegalStateException("elasticsearch did not start; see " + directory.resolve("console.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run runuser", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        awaitHealthy();
    }

    /** Stops the node (SIGTERM, then SIGKILL after a deadline) and waits until its process is gone. */
    public void stop() {
        Optional<ProcessHandle> process = pid().flatMap(ProcessHandle::of);
        if (process.isPresent()) {
            ProcessHandle handle = process.get();
            handle.destroy();
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception again) {
                    throw new IllegalStateException("could not stop elasticsearch pid " + handle.pid(), again);
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning() {
        return pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it cleans up
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

    private Path pidFile() {
        return directory.resolve("es.pid");
    }

    private Optional<Long> pid() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile()).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String health() {
        try {
            HttpRequest request = HttpRequest.newBuilder(url().resolve("/_cluster/health")).timeout(Duration.ofSeconds(2))
                    .GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (true) {
            String body = health();
            if (body.contains("\"status\":\"green\"") || body.contains("\"status\":\"yellow\"")) {
                return;
            }
            if (!isRunning()) {
                throw new IllegalStateException("elasticsearch exited while starting; see " + directory.resolve("logs"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for elasticsearch; see " + directory.resolve("logs"));
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the pause between polls, not a wait for an outcome
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(ElasticsearchNode node) {
        if (node != null) {
            node.close();
        }
    }
}
