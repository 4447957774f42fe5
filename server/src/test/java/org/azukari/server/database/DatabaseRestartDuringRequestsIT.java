package org.azukari.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.trustbank.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.azukari.server.testing.FaultScenes;
import org.azukari.server.testing.PatientGlucoseBundles;
import org.azukari.server.testing.RawHttp;

/**
 * The whole bank on a private PostgreSQL that is stopped ({@code pg_ctl stop -m fast}, as a
 * restart of the service does) while a large ingest bundle's transaction has written its records
 * and index rows, and while an export runs: the request answers 503 with {@code Retry-After}
 * (never a 500), the transaction leaves nothing half-written (no record without its index row
 * or its log entry, no index row without its record, no log entry without its records), the same
 * application serves again after the database restarts (the pool reconnects by itself), and the
 * access log verifies intact. The requests are caught in flight deterministically: the test
 * holds the access log's head row lock, so the request's transaction waits at its log append,
 * then the database is stopped under it.
 */
public class DatabaseRestartDuringRequestsIT extends FaultScenes {

    static final PostgresServer POSTGRES = PostgresServer.startFresh();
    static final String MRN_SYSTEM = PatientGlucoseBundles.MRN;
    static final int OBSERVATIONS = 300;
    /** An access-log row of an ingest (the action is in the hashed entry, not a column of its own). */
    public static final String INGEST = "entry_json LIKE '%\"action\":\"INGEST\"%'";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("azukari-db-restart");
        registry.add("azukari.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", POSTGRES::jdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::user);
        registry.add("spring.datasource.password", POSTGRES::password);
    }

    @AfterAll
    static void stopDatabase() {
        POSTGRES.close();
    }

    private static String feedToken;
    private static String wellnessToken;
    private static String datasetRequest;

    @Autowired
    AccessLogVerifier verifier;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${azukari.data-dir}")
    Path dataDir;

    @BeforeEach
    void sources() throws Exception {
        if (feedToken != null) {
            return;
        }
        String suffix = world().suffix();
        feedToken = accessToken(registerSourceFeed("dbfeed-" + suffix, world().hospital()), "system/*.cu");
        OrganisationId wellness = organisation("dbwell-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        wellnessToken = accessToken(registerWellnessService("dbapp-" + suffix, wellness), "system/Group.r");
        datasetRequest = approvedGlucoseRequest(wellnessToken);
        for (int i = 0; i < 3; i++) {
            ResidentId resident = linkedResident("dbexp" + i + "-" + suffix);
            RawHttp.Response pushed = push(bundle("dbexp" + i + "-" + suffix, 3));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            grantLaboratory(resident, Recipient.organisation(wellness.value()), "health-advice");
        }
    }

    @AfterEach
    void theDatabaseIsBack_andTheAccessLogIsIntact() {
        if (!running()) {
            POSTGRES.start();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void ingest_ofALargeBundle_whenPostgresStopsMidTransaction_is503_leavesNothingHalfWritten_andWorksAfterTheRestart()
            throws Exception {
        String mrn = "dbing-" + UUID.randomUUID().toString().substring(0, 8);
        ResidentId resident = linkedResident(mrn);
        String bundle = bundle(mrn, OBSERVATIONS);

        RawHttp.Response answer = whilePostgresStopsUnderIt(() -> push(bundle));

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body()).contains("OperationOutcome").contains("transient").doesNotContain("Exception")
                .doesNotContain("PSQL").doesNotContain(mrn);
        POSTGRES.start();
        assertNothingHalfWritten();
        assertThat(rows("SELECT COUNT(*) FROM tb_record_version WHERE resident_id = ?", resident)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM cp_access_log WHERE resident_id = ? AND " + INGEST, resident))
                .isZero();

        RawHttp.Response again = push(bundle);

        assertThat(again.status()).as("the same application, without a restart").isEqualTo(200);
        assertThat(rows("SELECT COUNT(*) FROM tb_record_version WHERE resident_id = ?", resident))
                .isEqualTo(OBSERVATIONS + 1);
        assertThat(rows("SELECT COUNT(*) FROM cp_access_log WHERE resident_id = ? AND " + INGEST, resident))
                .isEqualTo(1);
        assertNothingHalfWritten();
    }

    @Test
    void export_whenPostgresStopsWhileItRuns_endsIn503_notRunningForever_andKeepsNothing() throws Exception {
        String[] path = new String[1];
        stopPostgresOnceABankTransactionWaitsAtTheLog(false, () -> path[0] = statusPath(kickOff(wellnessToken, datasetRequest)),
                () -> false);
        POSTGRES.start();

        RawHttp.Response done = untilDone(path[0], wellnessToken);

        assertThat(done.status()).as(done.body()).isEqualTo(503);
        assertThat(done.header("Retry-After")).isNotBlank();
        assertThat(done.body()).contains("OperationOutcome").contains("EX-07").doesNotContain("\"output\"");
        String job = path[0].substring(path[0].lastIndexOf('/') + 1);
        try (var files = Files.walk(dataDir)) {
            assertThat(files.filter(file -> file.toString().contains(job)).toList()).as("nothing of it is kept").isEmpty();
        }
        RawHttp.Response after = untilDone(statusPath(kickOff(wellnessToken, datasetRequest)), wellnessToken);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
    }

    // --- the fault, in flight

    /**
     * Holds the access log's head (so the request's transaction waits at its log append with its
     * other writes done), sends {@code call}, and once a transaction of the bank waits there, stops
     * the database. Answers the request's answer; the database stays stopped.
     */
    private RawHttp.Response whilePostgresStopsUnderIt(Call call) throws Exception {
        CompletableFuture<RawHttp.Response>[] answer = new CompletableFuture[1];
        stopPostgresOnceABankTransactionWaitsAtTheLog(true, () -> answer[0] = inFlight(call), () -> answer[0].isDone());
        Instant stopped = Instant.now();
        RawHttp.Response response = answer[0].get(90, TimeUnit.SECONDS);
        assertThat(Duration.between(stopped, Instant.now())).as("answered, not hung").isLessThan(Duration.ofSeconds(45));
        return response;
    }

    interface Start {
        void run() throws Exception;
    }

    /**
     * Holds the access log's head, runs {@code start}, and once a transaction of the bank waits
     * for that lock ({@code written}: having written already), stops the database under it.
     */
    private static void stopPostgresOnceABankTransactionWaitsAtTheLog(boolean written, Start start,
            java.util.function.BooleanSupplier finishedTooSoon) throws Exception {
        try (Connection holder = POSTGRES.connect(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE cp_access_log_head IN EXCLUSIVE MODE");
            start.run();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> finishedTooSoon.getAsBoolean() || aBankTransactionWaitsAtTheLog(written));
            assertThat(finishedTooSoon.getAsBoolean()).as("the work was still in flight").isFalse();
            POSTGRES.stop();
        } catch (java.sql.SQLException closedByTheStop) {
            // the holder's connection went with the database: that is the point
        }
    }

    /** A transaction of the bank waiting for the log head's lock ({@code written}: holding an xid, it has written). */
    private static boolean aBankTransactionWaitsAtTheLog(boolean written) throws Exception {
        try (Connection admin = POSTGRES.connect(); Statement query = admin.createStatement();
             ResultSet found = query.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                     + " AND wait_event_type = 'Lock'" + (written ? " AND backend_xid IS NOT NULL" : ""))) {
            found.next();
            return found.getInt(1) > 0;
        }
    }

    private static boolean running() {
        try (Connection ignored = POSTGRES.connect()) {
            return true;
        } catch (java.sql.SQLException down) {
            return false;
        }
    }

    /** Each record has its source-index row and an INGEST entry of its resident; each index row its record. */
    private void assertNothingHalfWritten() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fg_source_record s WHERE NOT EXISTS (SELECT 1 FROM"
                + " tb_record_version v WHERE v.resident_id = s.custody_id AND v.record_id = s.record_id)", Integer.class))
                .as("index rows without their record").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_record_version v WHERE NOT EXISTS (SELECT 1 FROM"
                + " fg_source_record s WHERE s.custody_id = v.resident_id AND s.record_id = v.record_id)", Integer.class))
                .as("records without their index row").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT v.resident_id) FROM tb_record_version v WHERE NOT EXISTS"
                + " (SELECT 1 FROM cp_access_log l WHERE l.resident_id = v.resident_id AND l." + INGEST + ")",
                Integer.class)).as("records without the log entry of their ingest").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cp_access_log l WHERE l." + INGEST
                + " AND l.decision = 'PERMIT' AND NOT EXISTS (SELECT 1 FROM tb_record_version v"
                + " WHERE v.resident_id = l.resident_id)", Integer.class))
                .as("ingest entries without their records").isZero();
    }

    private int rows(String sql, ResidentId resident) {
        return jdbc.queryForObject(sql, Integer.class, resident.value());
    }

    private ResidentId linkedResident(String mrn) {
        ResidentId resident = registerResident("db-" + mrn).resident().orElseThrow();
        people.linkEnrolment(new EnrolmentLink(resident, world().hospital(), MRN_SYSTEM, mrn));
        return resident;
    }

    private RawHttp.Response push(String bundle) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", bundle, bearer(feedToken));
    }

    /** A transaction of one Patient and {@code observations} laboratory glucose results of theirs. */
    private static String bundle(String mrn, int observations) {
        String patientUrn = "urn:uuid:" + UUID.nameUUIDFromBytes(("patient-" + mrn).getBytes(StandardCharsets.UTF_8));
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"" + patientUrn + "\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p-" + mrn
                + "\",\"identifier\":[{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}],"
                + "\"gender\":\"female\",\"birthDate\":\"1980-01-15\",\"address\":[{\"state\":\"東京都\"}]},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/p-" + mrn + "\"}}");
        for (int i = 0; i < observations; i++) {
            json.append(",{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o").append(i).append('-').append(mrn)
                    .append("\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                            + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},"
                            + "\"effectiveDateTime\":\"2024-03-10T09:00:00+09:00\",\"valueQuantity\":{\"value\":")
                    .append(90 + i % 50).append(",\"unit\":\"mg/dL\"},\"subject\":{\"reference\":\"").append(patientUrn)
                    .append("\"}},\"request\":{\"method\":\"PUT\",\"url\":\"Observation/o").append(i).append('-')
                    .append(mrn).append("\"}}");
        }
        return json.append("]}").toString();
    }
}
