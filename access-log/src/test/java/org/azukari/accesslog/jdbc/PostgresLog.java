package org.azukari.accesslog.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A private schema in the real PostgreSQL that {@code infra/} started, migrated by its owner (the
 * IT user), and a second, restricted role that the log runs as: SELECT/INSERT on the log and
 * checkpoints and the verification history, SELECT/UPDATE on the head row, SELECT/INSERT/DELETE on
 * the outbox, EXECUTE on the partition function. Closing drops the schema and the role.
 */
final class PostgresLog implements AutoCloseable {

    private final String url = env("AZUKARI_IT_PG_URL");
    private final String user = env("AZUKARI_IT_PG_USER");
    private final String password = env("AZUKARI_IT_PG_PASSWORD");
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String schema = "it_accesslog_" + suffix;
    final String runtimeRole = "it_accesslog_rt_" + suffix;
    private final HikariDataSource owner;
    private final HikariDataSource runtime;
    final LogFixture fixture;

    PostgresLog(Path directory, CheckpointPolicy policy) {
        this(directory, policy, admin -> { });
    }

    /**
     * A schema that first had only the migrations up to 4.1, in which {@code beforeUpgrade}
     * writes as that release did, and is then migrated to the current version.
     */
    PostgresLog(Path directory, CheckpointPolicy policy, Consumer<JdbcTemplate> beforeUpgrade) {
        owner = pool(user, password, 4);
        JdbcTemplate admin = new JdbcTemplate(owner);
        admin.execute("CREATE SCHEMA " + schema);
        LogFixture.migrateTo(owner, "postgresql", "4.1");
        beforeUpgrade.accept(admin);
        LogFixture.migrate(owner, "postgresql");
        String runtimePassword = UUID.randomUUID().toString();
        admin.execute("CREATE ROLE " + runtimeRole + " LOGIN PASSWORD '" + runtimePassword + "'");
        admin.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + runtimeRole);
        admin.execute("GRANT SELECT, INSERT ON cp_access_log, cp_access_log_checkpoint TO " + runtimeRole);
        admin.execute("GRANT SELECT, UPDATE ON cp_access_log_head TO " + runtimeRole);
        admin.execute("GRANT SELECT, INSERT, DELETE ON cp_access_log_outbox TO " + runtimeRole);
        admin.execute("GRANT SELECT, INSERT ON cp_access_log_verification TO " + runtimeRole);
        admin.execute("GRANT EXECUTE ON FUNCTION cp_access_log_ensure_year(INTEGER) TO " + runtimeRole);
        runtime = pool(runtimeRole, runtimePassword, 10);
        fixture = new LogFixture(owner, runtime, directory, policy);
    }

    private HikariDataSource pool(String name, String secret, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(name);
        config.setPassword(secret);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    JdbcTemplate runtimeSql() {
        return new JdbcTemplate(runtime);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fail("environment variable " + name + " is not set; run the integration tests through infra/test");
        }
        return value;
    }

    @Override
    public void close() {
        runtime.close();
        try {
            JdbcTemplate admin = new JdbcTemplate(owner);
            admin.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            admin.execute("DROP OWNED BY " + runtimeRole);
            admin.execute("DROP ROLE IF EXISTS " + runtimeRole);
        } finally {
            owner.close();
        }
    }
}
