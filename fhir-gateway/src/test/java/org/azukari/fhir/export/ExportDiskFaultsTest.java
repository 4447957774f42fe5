package org.azukari.fhir.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.export.deid.ServicePseudonyms;
import org.azukari.fhir.export.jdbc.JdbcExportJobs;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.BankSecrets;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.SmallDisk;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset export whose storage fails, and one the bank's stop cut short: the job fails with its
 * own code and no file of it is ever served as complete. The real export (the embedded bank on H2,
 * the real job tables and sealed files) writes onto a real small tmpfs ({@link SmallDisk}) that
 * the test fills or makes read-only; the dataset request and the cohort are answered by the test
 * (they sit above the seams the export reads through), every decision permits.
 */
class ExportDiskFaultsTest {

    private static final String OBSERVATION = "Observation";

    @TempDir
    Path directory;

    private SmallDisk disk;
    private JdbcExportJobs jobs;
    private ExportFiles files;
    private DatasetExports exports;
    private final List<Runnable> queued = new ArrayList<>();
    private final List<ResidentId> cohort = new ArrayList<>();
    private final DatasetRequestId request = new DatasetRequestId("ds-faults-1");
    private final DatasetExports.ExportCaller caller = new DatasetExports.ExportCaller("wellness-1", "app-1");

    @BeforeEach
    void threeConsentingResidents_andAnApprovedRequest() {
        disk = SmallDisk.mount(directory.resolve("exports"), "256k");
        DataSource dataSource = EmbeddedBank.h2File(directory.resolve("db"));
        EmbeddedBank embedded = new EmbeddedBank(dataSource, EmbeddedBank.localVault(directory),
                directory.resolve("ledger"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/gateway")
                .baselineOnMigrate(true).baselineVersion("5.0").table("fg_schema_history").load().migrate();
        for (int i = 0; i < 3; i++) {
            ResidentId resident = ResidentId.random();
            embedded.bank.enrol(resident);
            embedded.bank.storeAll(resident, List.of(
                    record("pat-" + i, "Patient", "{\"resourceType\":\"Patient\",\"id\":\"pat-" + i
                            + "\",\"gender\":\"female\",\"birthDate\":\"1980-01-15\"}"),
                    record("obs-" + i, OBSERVATION, "{\"resourceType\":\"Observation\",\"id\":\"obs-" + i
                            + "\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                            + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]},"
                            + "\"subject\":{\"reference\":\"Patient/pat-" + i + "\"},\"effectiveDateTime\":\"2026-01-08\","
                            + "\"valueQuantity\":{\"value\":6.4,\"unit\":\"%\"}}")));
            cohort.add(resident);
        }
        DatasetRequest approved = new DatasetRequest(request, 1, Recipient.organisation(caller.organisation()),
                new DatasetSpec("Faults", new Purpose("health-advice"), Set.of(ConsentCategory.all(DataCategory.MEDICAL)),
                        List.of(new DatasetItem(OBSERVATION, Optional.empty(), Optional.empty())),
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), Duration.ofDays(30),
                        new Deidentification(Deidentification.DateHandling.SHIFT, 5,
                                Deidentification.LocationLevel.NONE, 2)),
                DatasetRequestStatus.APPROVED, Instant.now(), Optional.empty());
        DatasetRequests requests = answering(DatasetRequests.class, "find", Optional.of(approved));
        Consents consents = answering(Consents.class, "residentsConsentingTo", cohort);
        ConsentDecisionPoint permit = question -> new ConsentDecisionPoint.Permit(
                Set.of(ConsentCategory.all(DataCategory.MEDICAL)), List.of(), ConsentDecisionPoint.PermitReason.CONSENT);
        jobs = new JdbcExportJobs(dataSource);
        files = new ExportFiles(disk.path(), secrets());
        exports = new DatasetExports(new DatasetExports.Services(requests, consents, permit, embedded.accessLog,
                embedded.bank, DataClassifier.standard()), jobs, files, new ServicePseudonyms(secrets()), queued::add,
                Clock.systemUTC(), Duration.ofHours(24));
    }

    @AfterEach
    void unmount() {
        disk.close();
    }

    @Test
    void anExport_whoseDiskFillsUp_failsWithEX0725_leavesNoFile_andRunsOnceThereIsRoom() throws Exception {
        ExportJob job = exports.kickOff(caller, request, Set.of());
        disk.fill();

        runQueued();

        ExportJob failed = exports.status(caller, job.id());
        assertThat(failed.status()).isEqualTo(ExportJob.Status.FAILED);
        assertThat(failed.errorCode()).contains("EX-0725");
        assertThat(filesOf(job.id())).as("nothing of a failed export is kept").isEmpty();
        assertThatThrownBy(() -> exports.download(caller, job.id(), OBSERVATION, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> assertThat(e.status()).isEqualTo(404));

        disk.free();
        ExportJob again = exports.kickOff(caller, request, Set.of());
        runQueued();
        assertThat(exports.status(caller, again.id()).status()).isEqualTo(ExportJob.Status.COMPLETE);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        exports.download(caller, again.id(), OBSERVATION, lines);
        assertThat(lines.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
    }

    @Test
    void anExport_whoseDiskTurnsReadOnly_failsWithEX0725_andIsNeverComplete() {
        ExportJob job = exports.kickOff(caller, request, Set.of());
        disk.readOnly();

        runQueued();

        ExportJob failed = exports.status(caller, job.id());
        assertThat(failed.status()).as("ended, even though its directory cannot be removed")
                .isEqualTo(ExportJob.Status.FAILED);
        assertThat(failed.errorCode()).contains("EX-0725");
        assertThat(failed.outputs()).isEmpty();
    }

    @Test
    void kickOff_withTheExportStorageReadOnly_is503EX0725_andStartsNothing() {
        disk.readOnly();

        assertThatThrownBy(() -> exports.kickOff(caller, request, Set.of()))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(FhirGatewayError.EX_0725);
                });
        assertThat(jobs.running()).isEmpty();
        assertThat(queued).isEmpty();
    }

    /**
     * The bank stopped (killed) while the job ran: nothing will finish it. Its partial file is
     * there; at the next start the job is failed (EX-0724) and the file removed. A job another
     * instance runs (no directory here) is left alone.
     */
    @Test
    void anExportRunningWhenTheBankStopped_isFailedWithEX0724AtTheNextStart_andItsPartialFileRemoved() {
        ExportJob job = exports.kickOff(caller, request, Set.of());
        try (ExportFiles.LineWriter partial = files.writer(job.id(), OBSERVATION)) {
            partial.write("{\"resourceType\":\"Observation\"}");
        }
        String elsewhere = UUID.randomUUID().toString();
        jobs.create(new ExportJob(elsewhere, request.value(), caller.organisation(), "app-2", List.of(OBSERVATION),
                ExportJob.Status.RUNNING, 0, 0, 0, 0, 0, Optional.empty(), Instant.now(), Optional.empty(),
                Instant.now().plus(Duration.ofHours(24)), new TreeMap<>(), new TreeMap<>()));
        queued.clear();

        assertThat(new InterruptedExports(jobs, files, Clock.systemUTC()).failAll()).isEqualTo(1);

        ExportJob failed = exports.status(caller, job.id());
        assertThat(failed.status()).isEqualTo(ExportJob.Status.FAILED);
        assertThat(failed.errorCode()).contains(InterruptedExports.CODE);
        assertThat(files.holds(job.id())).isFalse();
        assertThat(jobs.find(elsewhere).orElseThrow().status()).isEqualTo(ExportJob.Status.RUNNING);
    }

    private void runQueued() {
        List<Runnable> tasks = List.copyOf(queued);
        queued.clear();
        tasks.forEach(Runnable::run);
    }

    private List<Path> filesOf(String job) throws Exception {
        Path dir = disk.path().resolve(job);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.toList();
        }
    }

    /** A seam the export reads through, answering one method; any other call fails the test. */
    private static <T> T answering(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return answer;
            }
            throw new AssertionError("the export asked " + called.getName());
        }));
    }

    private static BankSecrets secrets() {
        return purpose -> {
            try {
                return MessageDigest.getInstance("SHA-256").digest(("test|" + purpose).getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static RecordToStore record(String id, String type, String json) {
        return new RecordToStore(new RecordId(id), new ResourceType(type), DataCategory.MEDICAL, RecordContent.ofUtf8(json));
    }
}
