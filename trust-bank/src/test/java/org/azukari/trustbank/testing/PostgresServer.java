package org.azukari.trustbank.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for fault tests, from the binaries {@code infra/} installed
 * ({@code AZUKARI_IT_PG_BIN}): {@code initdb} in a temp directory, a loopback port chosen free,
 * scram-sha-256 with a generated password, one database. Unlike the shared server of
 * {@link PostgresDatabase} it can be stopped under a running application ({@code pg_ctl stop -m
 * fast}: open transactions are rolled back and their connections closed, as when the service is
 * restarted) and started again on the same data and port. PostgreSQL refuses to run as root, so as
 * root (infra/test) it runs as the unprivileged {@code AZUKARI_IT_ES_USER}, the user {@code infra/}
 * runs its services as. {@link #close()} (and a JVM shutdown hook) stops it and deletes the directory.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "azukari";
    public static final String DATABASE = "azukari_faults";

    private final Path binaries;
    private final Path directory;
    private final String runAs;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private final Thread cleanupAtExit = new Thread(this::stopAndDelete, "postgres-server-cleanup");

    private PostgresServer(Path binaries, Path directory, String runAs, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.runAs = runAs;
        this.port = port;
    }

    /** Initialises and starts a fresh cluster with one database; it accepts connections when this returns. */
    public static PostgresServer startFresh() {
        PostgresServer server = null;
        try {
            Path binaries = Path.of(RequiredEnv.get("AZUKARI_IT_PG_BIN"));
            String runAs = "root".equals(System.getProperty("user.name")) ? RequiredEnv.get("AZUKARI_IT_ES_USER") : null;
            Path directory = Files.createTempDirectory(Path.of("/var/tmp"), "azukari-pg-");
            server = new PostgresServer(binaries, directory, runAs, freePort());
            Runtime.getRuntime().addShutdownHook(server.cleanupAtExit);
            server.initialise();
            server.start();
            server.run(List.of(binaries.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(server.port), "-U", USER, DATABASE));
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeQuietly(server);
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** A connection of the test's own, outside the application's pool. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    /** Starts the cluster on the same data and port; it accepts connections when this returns. */
    public void start() {
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                directory.resolve("postgres.log").toString(), "-w", "-t", "60", "start"));
    }

    /** Stops it as a restart does: open transactions rolled back, every connection closed. */
    public void stop() {
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60",
                "stop"));
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

    private Path data() {
        return directory.resolve("data");
    }

    private void initialise() throws IOException {
        Files.writeString(directory.resolve("password"), password);
        Files.createDirectories(directory.resolve("socket"));
        if (runAs != null) {
            exec(List.of("chown", "-R", runAs + ":" + runAs, directory.toString()), false);
        }
        run(List.of(binaries.resolve("initdb").toString(), "-D", data().toString(), "-U", USER,
                "--pwfile=" + directory.resolve("password"), "--auth=scram-sha-256", "--encoding=UTF8",
                "--locale=C.UTF-8"));
        Files.writeString(data().resolve("postgresql.conf"), """
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                """.formatted(port, directory.resolve("socket")), java.nio.file.StandardOpenOption.APPEND);
    }

    private synchronized void stopAndDelete() {
        if (!Files.exists(directory)) {
            return;
        }
        if (Files.exists(data().resolve("postmaster.pid"))) {
            exec(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w",
                    "stop"), true);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a PostgreSQL tool as the service user, with this cluster's password. */
    private void run(List<String> tool) {
        exec(tool, true);
    }

    private void exec(List<String> tool, boolean asService) {
        List<String> command = new ArrayList<>();
        if (asService && runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.addAll(tool);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", tool.subList(0, 1)) + " failed: " + output
                        + " (see " + directory.resolve("postgres.log") + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A free loopback port, or one within {@code AZUKARI_IT_PG_PORTS} ({@code first-last}) when a shared machine hands out ranges. */
    private static int freePort() throws IOException {
        String range = System.getenv("AZUKARI_IT_PG_PORTS");
        if (range != null && !range.isBlank()) {
            String[] bounds = range.trim().split("-");
            for (int port = Integer.parseInt(bounds[0]); port <= Integer.parseInt(bounds[1]); port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException busy) {
                    // taken: try the next
                }
            }
            throw new IOException("no free loopback port in " + range);
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(PostgresServer server) {
        if (server != null) {
            server.close();
        }
    }
}
