package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.azukari.accesslog.FilterScene;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search columns of V20_7 on the real PostgreSQL: filled for rows written before the
 * migration (jsonb backfill, as the owner), written by the log afterwards (as the runtime role),
 * and searched by the new criteria and the cursor.
 */
class PostgresAccessLogSearchIT {

    @TempDir
    Path directory;

    @Test
    void migration_fillsClientActionEmergencyAndRequestId_ofRowsWrittenBeforeIt() {
        List<LoggedEntry> logged = new ArrayList<>();
        try (PostgresLog database = new PostgresLog(directory, new CheckpointPolicy(1000, Duration.ofHours(1)),
                owner -> logged.addAll(OldShapeRows.insert(owner,
                        FilterScene.withEveryEmergencyReason(ResidentId.random()), Instant.now())))) {
            Backfill.assertColumnsFilled(database.fixture.owner, logged);
            Backfill.assertFoundBySearch(new JdbcAccessLogSearch(database.runtimeSql().getDataSource()), logged);
        }
    }

    @Test
    void search_byClientActionEmergencyAndRequestId_andByCursor_findsExactlyTheMatchingEntries() {
        try (PostgresLog database = new PostgresLog(directory, new CheckpointPolicy(1000, Duration.ofHours(1)))) {
            List<LoggedEntry> logged = database.fixture.log.appendAll(FilterScene.entries(ResidentId.random()));

            FilterScene.assertFound(new JdbcAccessLogSearch(database.runtimeSql().getDataSource()), logged);
            assertThat(database.fixture.verifier.verify().intact()).isTrue();
        }
    }
}
