package org.azukari.identity.registry;

import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An H2 file database in PostgreSQL mode, migrated the way the application migrates it. With
 * {@code -Dazukari.test.pg-url=jdbc:postgresql://...} (and the PostgreSQL driver and Flyway's
 * PostgreSQL module on the test class path) each call gets a fresh schema in that PostgreSQL
 * instead, so the same tests prove the SQL on both.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static DataSource migrated(Path directory) {
        String pg = System.getProperty("azukari.test.pg-url");
        DataSource dataSource = pg == null ? h2(directory) : postgres(pg);
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/trustbank", "classpath:db/migration/identity")
                .load().migrate();
        return dataSource;
    }

    private static DataSource h2(Path directory) {
        return new DriverManagerDataSource(
                "jdbc:h2:file:" + directory.resolve("azukari").toAbsolutePath() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "sa", "");
    }

    private static DataSource postgres(String url) {
        String user = System.getProperty("azukari.test.pg-user", "postgres");
        String password = System.getProperty("azukari.test.pg-password", "");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        new JdbcTemplate(new DriverManagerDataSource(url, user, password)).execute("CREATE SCHEMA " + schema);
        return new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }
}
