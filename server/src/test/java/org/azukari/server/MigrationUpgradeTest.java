package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Each module numbers its migrations in a series of its own (trust bank 2.x, identity 3.x, access
 * log 4.x, gateway 5.x, ...) and all of them run in one Flyway history. A migration added later to
 * an earlier series (the gateway's V5_3, after V9_2 was applied) must still be applied to a bank
 * that is already running, with the application's own Flyway settings.
 */
class MigrationUpgradeTest {

    static final String ADDED_LATER = "V5_3__";

    @TempDir
    Path before;

    @Test
    void migrate_aBankMigratedBeforeV5_3Existed_appliesV5_3WithTheApplicationsSettings() throws IOException {
        Properties application = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        List<String> locations = List.of(application.getProperty("spring.flyway.locations")
                .replace("{vendor}", "h2").split(","));
        boolean outOfOrder = Boolean.parseBoolean(application.getProperty("spring.flyway.out-of-order", "false"));
        List<String> earlier = new ArrayList<>();
        int copied = 0;
        for (String location : locations) {
            Path folder = Files.createDirectories(before.resolve("l" + earlier.size()));
            earlier.add("filesystem:" + folder);
            String path = location.substring("classpath:".length());
            for (Resource migration : new PathMatchingResourcePatternResolver().getResources("classpath*:" + path + "/*.sql")) {
                if (!migration.getFilename().startsWith(ADDED_LATER)) {
                    try (InputStream in = migration.getInputStream()) {
                        Files.copy(in, folder.resolve(migration.getFilename()));
                        copied++;
                    }
                }
            }
        }
        assertThat(copied).isGreaterThan(5);
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:upgrade-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations(earlier.toArray(String[]::new)).load().migrate();

        Flyway.configure().dataSource(dataSource).locations(locations.toArray(String[]::new)).outOfOrder(outOfOrder)
                .load().migrate();

        assertThat(new JdbcTemplate(dataSource).queryForList(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\"", String.class)).contains("5.3");
    }
}
