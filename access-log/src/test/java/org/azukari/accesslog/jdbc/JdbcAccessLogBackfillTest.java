package org.azukari.accesslog.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.azukari.accesslog.FilterScene;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** V20_7 on H2 (the embedded default): rows written before it get the new search columns. */
class JdbcAccessLogBackfillTest {

    @TempDir
    Path directory;

    @Test
    void migration_fillsClientActionEmergencyAndRequestId_ofRowsWrittenBeforeIt() {
        DataSource dataSource = LogFixture.h2(directory);
        LogFixture.migrateTo(dataSource, "h2", "4.1");
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        List<LoggedEntry> logged = OldShapeRows.insert(sql, FilterScene.withEveryEmergencyReason(ResidentId.random()),
                Instant.now());

        LogFixture.migrate(dataSource, "h2");

        Backfill.assertColumnsFilled(sql, logged);
        Backfill.assertFoundBySearch(new JdbcAccessLogSearch(dataSource), logged);
    }
}
