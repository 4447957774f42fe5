package org.azukari.fhir.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.testing.MutableClock;
import org.azukari.fhir.export.deid.ServicePseudonyms;
import org.azukari.fhir.export.jdbc.JdbcExportJobs;
import org.azukari.identity.api.BankSecrets;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A complete export's status and files live until its expiry, then are gone: the job row and
 * the sealed files, on the next look. Over the real job tables (H2, the gateway migrations) and
 * real files; the export itself is not run here (see the server's DatasetExportTest).
 */
class ExportExpiryTest {

    @TempDir
    Path directory;

    @Test
    void aCompleteExport_isThereUntilItsExpiry_andThenItsStatusAndFilesAreGone() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:export-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/trustbank", "classpath:db/migration/gateway").load().migrate();
        JdbcExportJobs jobs = new JdbcExportJobs(dataSource);
        BankSecrets secrets = purpose -> ("k-" + purpose).repeat(8).substring(0, 32).getBytes(StandardCharsets.UTF_8);
        ExportFiles files = new ExportFiles(directory, secrets);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        // status and expiry need only the job tables and the files; the export's own services are not asked
        DatasetExports exports = new DatasetExports(new DatasetExports.Services(null, null, null, null, null,
                org.azukari.fhir.classification.DataClassifier.standard()), jobs, files, new ServicePseudonyms(secrets),
                task -> { }, clock, Duration.ofHours(24));
        String job = UUID.randomUUID().toString();
        jobs.create(new ExportJob(job, "ds-request", "wellness-1", "app-1", List.of("Patient"), ExportJob.Status.RUNNING,
                0, 0, 0, 0, 0, Optional.empty(), clock.instant(), Optional.empty(), clock.instant().plus(Duration.ofHours(24)),
                new TreeMap<>(), new TreeMap<>()));
        try (ExportFiles.LineWriter writer = files.writer(job, "Patient")) {
            writer.write("{\"resourceType\":\"Patient\"}");
        }
        TreeMap<String, Integer> outputs = new TreeMap<>();
        outputs.put("Patient", 1);
        jobs.complete(job, outputs, 1, 0, new TreeMap<>(), clock.instant());
        DatasetExports.ExportCaller caller = new DatasetExports.ExportCaller("wellness-1", "app-1");

        clock.advance(Duration.ofHours(23));
        assertThat(exports.status(caller, job).status()).isEqualTo(ExportJob.Status.COMPLETE);
        assertThat(files.exists(job, "Patient")).isTrue();
        assertThatThrownBy(() -> exports.status(new DatasetExports.ExportCaller("wellness-1", "app-2"), job))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> assertThat(e.status()).isEqualTo(404));

        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> exports.status(caller, job))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(files.exists(job, "Patient")).isFalse();
        assertThat(jobs.find(job)).isEmpty();
    }
}
