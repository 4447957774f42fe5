package org.azukari.trustbank.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A private schema in the real PostgreSQL that {@code infra/test} started, with {@code pg_dump}
 * and {@code psql} at hand for backup-and-restore stories. Closing drops the schema.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final String url = RequiredEnv.get("AZUKARI_IT_PG_URL");
    private final String user = RequiredEnv.get("AZUKARI_IT_PG_USER");
    private final String password = RequiredEnv.get("AZUKARI_IT_PG_PASSWORD");
    private final Path binaries = Path.of(RequiredEnv.get("AZUKARI_IT_PG_BIN"));
    private final String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final HikariDataSource dataSource;

    public PostgresDatabase() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        config.setMinimumIdle(1);
        try (Connection admin = DriverManager.getConnection(url, user, password)) {
            admin.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + url, e);
        }
        this.dataSource = new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL of this schema, for an application under test to connect with its own pool. */
    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    /** A plain-SQL {@code pg_dump} of this schema, as a backup would hold it. */
    public void dump(Path file) {
        run(List.of(binaries.resolve("pg_dump").toString(), "--schema=" + schema, "--no-owner", "--file=" + file));
    }

    /** Drops the schema and loads {@code file} back: restoring a backup. */
    public void restore(Path file) {
        new JdbcTemplate(dataSource).execute("DROP SCHEMA " + schema + " CASCADE");
        run(List.of(binaries.resolve("psql").toString(), "--quiet", "--set=ON_ERROR_STOP=1", "--file=" + file));
    }

    private void run(List<String> command) {
        URI target = URI.create(url.substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PGHOST", target.getHost());
        env.put("PGPORT", Integer.toString(target.getPort()));
        env.put("PGDATABASE", target.getPath().substring(1));
        env.put("PGUSER", user);
        env.put("PGPASSWORD", password);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            new JdbcTemplate(dataSource).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            dataSource.close();
        }
    }
}
