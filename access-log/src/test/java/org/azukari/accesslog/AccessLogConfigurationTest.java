package org.azukari.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.accesslog.jdbc.JdbcAccessLogSearch;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.ResidentId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AccessLogConfigurationTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/accesslog/h2").load().migrate();
        return new ApplicationContextRunner()
                .withUserConfiguration(AccessLogConfiguration.class)
                .withBean(DataSource.class, () -> dataSource)
                .withBean(CheckpointSigner.class, TestSigner::new)
                .withPropertyValues("azukari.data-dir=" + directory, "azukari.access-log.checkpoint-every=1");
    }

    @Test
    void context_wiresTheLogItsOutboxVerifierAndSqlSearch_withTheFilesInTheDataDirectory() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(AccessLog.class).hasSingleBean(AccessLogOutbox.class)
                    .hasSingleBean(AccessLogVerifier.class);
            assertThat(context.getBean(AccessLogSearch.class)).isInstanceOf(JdbcAccessLogSearch.class);
            var logged = context.getBean(AccessLog.class).append(Entries.read(ResidentId.random(), 1));
            assertThat(Files.readAllLines(directory.resolve("access-log-checkpoints.txt"))).hasSize(1);
            assertThat(new HeadWitness(directory.resolve("access-log-head-witness")).read())
                    .isEqualTo(new HeadWitness.Witnessed(1, logged.hash()));
            assertThat(context.getBean(AccessLogVerifier.class).verify().intact()).isTrue();
        });
    }

    @Test
    void context_withBothFilesConfigured_writesTheCheckpointsAndTheHeadThere() {
        Path checkpoints = directory.resolve("elsewhere/checkpoints.txt");
        Path witness = directory.resolve("apart/witness");
        runner().withPropertyValues("azukari.access-log.checkpoint-file=" + checkpoints,
                "azukari.access-log.witness-file=" + witness).run(context -> {
            var logged = context.getBean(AccessLog.class).append(Entries.read(ResidentId.random(), 1));
            assertThat(Files.readAllLines(checkpoints)).hasSize(1);
            assertThat(new HeadWitness(witness).read()).isEqualTo(new HeadWitness.Witnessed(1, logged.hash()));
        });
    }

    @Test
    void context_withAnotherSearch_keepsThatOne() {
        AccessLogSearch elsewhere = query -> List.of();
        runner().withBean(AccessLogSearch.class, () -> elsewhere)
                .run(context -> assertThat(context.getBean(AccessLogSearch.class)).isSameAs(elsewhere));
    }

    @Test
    void context_withRetentionUnderTenYears_failsToStart() {
        runner().withPropertyValues("azukari.access-log.retention-years=5")
                .run(context -> assertThat(context).hasFailed());
    }
}
