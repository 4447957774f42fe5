package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.azukari.server.ProductionJarIT.ACCOUNT;
import static org.azukari.server.ProductionJarIT.CSRF_FIELD;
import static org.azukari.server.ProductionJarIT.CSRF_JSON;
import static org.azukari.server.ProductionJarIT.PASSWORD;
import static org.azukari.server.ProductionJarIT.bearer;
import static org.azukari.server.ProductionJarIT.cookie;
import static org.azukari.server.ProductionJarIT.created;
import static org.azukari.server.ProductionJarIT.csrf;
import static org.azukari.server.ProductionJarIT.send;
import static org.azukari.server.ProductionJarIT.signIn;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.azukari.identity.api.ClientId;
import org.azukari.server.ProductionJarIT.Session;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.RequiredEnv;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.ProductionJar;
import org.azukari.server.release.FhirReleaseTest;

/**
 * {@code kill -9} of the bank — the packaged jar in production configuration ({@link ProductionJar}:
 * PostgreSQL in a schema of its own, OpenBao through AppRole, Elasticsearch) — at a moment the test
 * observes, while a large ingest, a dataset export or an erasure is in flight; then a restart. Each
 * time: the bank starts, nothing acknowledged before the kill is lost, what was cut short is either
 * whole or absent (and the source, the service or the resident can finish it by asking again), and
 * {@code audit verify} calls the log intact. The data is Synthea's ({@code AZUKARI_IT_SYNTHEA_DIR}).
 */
class ProcessKillIT {

    static final PostgresDatabase DATABASE = new PostgresDatabase();
    private static final String SYNTHEA_MRN = "http://hospital.smarthealthit.org";
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Pattern REQUEST_ID = Pattern.compile("\"id\":\"(ds-[A-Za-z0-9-]+)\"");

    private static ProductionJar bank;
    private static RawHttp http;
    private static JdbcTemplate db;
    private static String suffix;
    private static String hospital;
    private static String service;
    private static RealIdentityWorld.SystemClient feed;
    private static RealIdentityWorld.SystemClient wellness;
    private static List<Path> patients;
    private final ExecutorService inFlight = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void aBankWithAHospitalAWellnessServiceAndSyntheasDirectory() throws Exception {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        bank = new ProductionJar(DATABASE, "kill");
        db = new JdbcTemplate(DATABASE.dataSource());
        ProductionJar.Run registered = bank.command(Map.of("AZUKARI_INITIAL_PASSWORD", PASSWORD),
                "operator", "register-operator", "username=ops-" + suffix);
        assertThat(registered.exitCode()).as(registered.output()).isZero();
        bank.start();
        http = new RawHttp(bank.port());
        Session operator = operator();
        hospital = "killhosp-" + suffix;
        service = "killwell-" + suffix;
        ECKey feedKey = new ECKeyGenerator(Curve.P_384).keyID("feed-k1").algorithm(JWSAlgorithm.ES384).generate();
        ECKey wellnessKey = new ECKeyGenerator(Curve.P_384).keyID("well-k1").algorithm(JWSAlgorithm.ES384).generate();
        created(http, operator, "/api/operator/organisations", "{\"id\":\"" + hospital
                + "\",\"kind\":\"HOSPITAL\",\"displayName\":\"Kill Hospital\",\"purposes\":[\"treatment\"]}");
        created(http, operator, "/api/operator/organisations", "{\"id\":\"" + service
                + "\",\"kind\":\"WELLNESS_SERVICE\",\"displayName\":\"Kill Wellness\",\"purposes\":[\"health-advice\"],"
                + "\"assessment\":" + Assessed.JSON + "}");
        created(http, operator, "/api/operator/organisations/" + hospital + "/clients", "{\"clientId\":\"kfeed-"
                + suffix + "\",\"kind\":\"SOURCE_FEED\",\"scopes\":[\"system/*.cu\"],\"jwks\":"
                + new JWKSet(feedKey.toPublicJWK()) + "}");
        created(http, operator, "/api/operator/organisations/" + service + "/clients", "{\"clientId\":\"kwell-"
                + suffix + "\",\"kind\":\"WELLNESS_SERVICE\",\"scopes\":[\"system/Group.r\"],\"jwks\":"
                + new JWKSet(wellnessKey.toPublicJWK()) + "}");
        created(http, operator, "/api/operator/auditors", "{\"username\":\"aud-" + suffix + "\",\"initialPassword\":\""
                + PASSWORD + "\"}");
        feed = new RealIdentityWorld.SystemClient(new ClientId("kfeed-" + suffix), feedKey);
        wellness = new RealIdentityWorld.SystemClient(new ClientId("kwell-" + suffix), wellnessKey);

        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(RequiredEnv.get("AZUKARI_IT_SYNTHEA_DIR")))) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        String feedToken = feedToken();
        for (Path shared : files.stream().filter(ProcessKillIT::shared).toList()) {
            RawHttp.Response answer = http.send("POST", "/fhir", "application/fhir+json",
                    Files.readString(shared, StandardCharsets.UTF_8), bearer(feedToken));
            assertThat(answer.status()).as(shared + ": " + answer.body()).isEqualTo(200);
        }
        patients = files.stream().filter(p -> !shared(p))
                .sorted(Comparator.comparingLong(ProcessKillIT::size).reversed()).toList();
        assertThat(patients).hasSizeGreaterThanOrEqualTo(3);
    }

    @AfterAll
    static void stopTheBankAndDropItsSchema() throws Exception {
        if (bank != null) {
            bank.close();
        }
        DATABASE.close();
    }

    /**
     * The largest Synthea Bundle (thousands of resources, one transaction) is killed while its rows
     * are being written (the test sees the insert's lock on the record table in the bank's schema).
     */
    @Test
    void killedDuringALargeIngest_theBundleIsWhollyStoredOrWhollyAbsent_andResendingItStoresItOnce() throws Exception {
        String feedToken = feedToken();
        String acknowledgedResident = resident(FhirReleaseTest.MRN_SYSTEM, "ack-" + suffix);
        RawHttp.Response acknowledged = http.send("POST", "/fhir", "application/fhir+json",
                FhirReleaseTest.bundleFor("ack-" + suffix, "ack" + suffix), bearer(feedToken));
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        int acknowledgedRecords = records(acknowledgedResident);
        assertThat(acknowledgedRecords).isPositive();

        Path largest = patients.get(0);
        String body = Files.readString(largest, StandardCharsets.UTF_8);
        String resident = resident(SYNTHEA_MRN, mrnOf(body));
        Future<RawHttp.Response> ingest = inFlight.submit(() -> http.send("POST", "/fhir", "application/fhir+json",
                body, bearer(feedToken)));
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(2)).pollInSameThread()
                .until(() -> ingest.isDone() || writingRecords());
        assertThat(ingest.isDone()).as("killed while its rows were being written, not after").isFalse();
        bank.kill();
        Optional<Integer> answered = answer(ingest);
        int afterTheKill = records(resident);

        bank.start();
        assertThat(records(acknowledgedResident)).as("nothing acknowledged is lost").isEqualTo(acknowledgedRecords);
        assertThat(records(resident)).as("the restart changes nothing").isEqualTo(afterTheKill);
        RawHttp.Response resent = http.send("POST", "/fhir", "application/fhir+json", body, bearer(feedToken()));
        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        assertThat(resent.body()).doesNotContain("\"status\":\"4").doesNotContain("\"status\":\"5");
        int whole = records(resident);
        assertThat(afterTheKill).as("wholly absent or wholly stored (answered before the kill: " + answered + ")")
                .isIn(0, whole);
        if (answered.isPresent()) {
            assertThat(afterTheKill).as("acknowledged, so stored").isEqualTo(whole);
        }
        RawHttp.Response again = http.send("POST", "/fhir", "application/fhir+json", body, bearer(feedToken()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(records(resident)).as("resending stores it once").isEqualTo(whole);
        auditVerifiesIntact();
    }

    /**
     * An export of the other Synthea residents is killed once the job counted its cohort and is
     * working through it: after the restart its status answers 503 EX-0724, its partial files are
     * gone, none is served, and kicking it off again produces the dataset.
     */
    @Test
    void killedDuringAnExport_theJobIsFailedEX0724AfterTheRestart_servesNoPartialFile_andRunsAgain() throws Exception {
        String feedToken = feedToken();
        for (Path file : patients.subList(1, patients.size())) {
            Bundle bundle = sameQuasiIdentifiers(file);
            String mrn = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow()
                    .getIdentifier().stream().filter(i -> SYNTHEA_MRN.equals(i.getSystem())).findFirst()
                    .map(Identifier::getValue).orElseThrow();
            String username = username(SYNTHEA_MRN, mrn);
            resident(SYNTHEA_MRN, mrn);
            RawHttp.Response ingested = http.send("POST", "/fhir", "application/fhir+json",
                    FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle), bearer(feedToken));
            assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
            consent(username);
        }
        String wellnessToken = ProductionJarIT.token(http, bank, wellness, "system/Group.r");
        String request = approvedRequest(wellnessToken);

        RawHttp.Response kicked = http.get("/fhir/Group/" + request + "/$export", bearer(wellnessToken),
                "Prefer: respond-async");
        assertThat(kicked.status()).as(kicked.body()).isEqualTo(202);
        String statusPath = kicked.header("Content-Location").replaceFirst("^https?://[^/]+", "");
        String job = statusPath.substring(statusPath.lastIndexOf('/') + 1);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(2)).pollInSameThread()
                .until(() -> exportRunningThroughItsCohort(job));
        bank.kill();
        assertThat(bank.dataDir().resolve("exports").resolve(job)).as("the job's directory, at the kill").isDirectory();

        bank.start();
        wellnessToken = ProductionJarIT.token(http, bank, wellness, "system/Group.r");
        RawHttp.Response status = http.get(statusPath, bearer(wellnessToken));
        assertThat(status.status()).as(status.body()).isEqualTo(503);
        assertThat(status.body()).contains("EX-0724");
        assertThat(bank.dataDir().resolve("exports").resolve(job)).as("its partial files are removed").doesNotExist();
        assertThat(http.get(statusPath + "/Observation.ndjson", bearer(wellnessToken)).status()).isEqualTo(404);

        RawHttp.Response again = http.get("/fhir/Group/" + request + "/$export", bearer(wellnessToken),
                "Prefer: respond-async");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        String againPath = again.header("Content-Location").replaceFirst("^https?://[^/]+", "");
        String token = wellnessToken;
        RawHttp.Response[] last = new RawHttp.Response[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = http.get(againPath, bearer(token));
            return last[0].status() != 202;
        });
        assertThat(last[0].status()).as(last[0].body()).isEqualTo(200);
        assertThat(last[0].body()).contains("\"type\":\"Observation\"");
        auditVerifiesIntact();
        auditCommandVerifiesIntact();
    }

    /**
     * A resident's erasure is killed once its access-log entry is written (the erasure has begun).
     * Whichever step the kill hit, after the restart the resident is erased wholly — key, records,
     * keyring gone, the ledger and {@code tb_erasure} naming them — or not at all, never between;
     * and erasing again from the portal completes it, consents withdrawn.
     */
    @Test
    void killedDuringAnErase_theResidentIsErasedWhollyOrNotAtAll_andErasingAgainCompletesIt() throws Exception {
        String mrn = "erase-" + suffix;
        String resident = resident(FhirReleaseTest.MRN_SYSTEM, mrn);
        RawHttp.Response ingested = http.send("POST", "/fhir", "application/fhir+json",
                FhirReleaseTest.bundleFor(mrn, "er" + suffix), bearer(feedToken()));
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        String username = username(FhirReleaseTest.MRN_SYSTEM, mrn);
        consent(username);
        int held = records(resident);
        String kek = db.queryForObject("SELECT kek_id FROM tb_resident_keyring WHERE resident_id = ?::uuid",
                String.class, resident);

        Session session = signIn(http, username, "/portal");
        String csrf = csrf(http.get("/portal/my-data/erase", cookie(session)), CSRF_FIELD);
        Future<RawHttp.Response> erase = inFlight.submit(() -> http.postForm("/portal/my-data/erase",
                RealIdentityWorld.form("understood", "yes", "confirm", "erase-everything", "_csrf", csrf),
                cookie(session)));
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(1)).pollInSameThread()
                .until(() -> erase.isDone() || eraseLogged(resident));
        bank.kill();
        Optional<Integer> answered = answer(erase);

        bank.start();
        boolean erased = ledgerNames(resident);
        if (erased) {
            assertThat(db.queryForObject("SELECT COUNT(*) FROM tb_erasure WHERE resident_id = ?::uuid", Integer.class,
                    resident)).as("the database says erased too").isOne();
            assertThat(records(resident)).isZero();
            assertThat(keyrings(resident)).isZero();
            assertThat(vaultHasKey(kek)).as("the key is destroyed").isFalse();
        } else {
            assertThat(answered).as("not acknowledged").isEmpty();
            assertThat(db.queryForObject("SELECT COUNT(*) FROM tb_erasure WHERE resident_id = ?::uuid", Integer.class,
                    resident)).isZero();
            assertThat(records(resident)).isEqualTo(held);
            assertThat(keyrings(resident)).isOne();
            assertThat(vaultHasKey(kek)).as("the key is there").isTrue();
        }

        Session again = signIn(http, username, "/portal");
        String csrfAgain = csrf(http.get("/portal/my-data/erase", cookie(again)), CSRF_FIELD);
        RawHttp.Response erasedAgain = http.postForm("/portal/my-data/erase",
                RealIdentityWorld.form("understood", "yes", "confirm", "erase-everything", "_csrf", csrfAgain),
                cookie(again));
        assertThat(erasedAgain.status()).as(erasedAgain.body()).isEqualTo(302);
        assertThat(ledgerNames(resident)).isTrue();
        assertThat(records(resident)).isZero();
        assertThat(keyrings(resident)).isZero();
        assertThat(vaultHasKey(kek)).isFalse();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM cp_consent_version v WHERE resident_id = ?::uuid"
                + " AND version = (SELECT MAX(version) FROM cp_consent_version w WHERE w.consent_id = v.consent_id)"
                + " AND status = 'ACTIVE'", Integer.class, resident)).as("no consent left active").isZero();
        auditVerifiesIntact();
    }

    private static Session operator() throws Exception {
        Session signedIn = signIn(http, "ops-" + suffix, "/operator");
        return new Session(signedIn.cookie(), csrf(http.get("/api/operator/whoami", cookie(signedIn)), CSRF_JSON));
    }

    private static String feedToken() throws Exception {
        return ProductionJarIT.token(http, bank, feed, "system/*.cu");
    }

    private static String username(String system, String mrn) {
        return "k" + Integer.toHexString((system + mrn).hashCode()) + "-" + suffix;
    }

    /** A resident account linked to the hospital's identifier; answers the bank's resident id. */
    private static String resident(String system, String mrn) throws Exception {
        Session operator = operator();
        Matcher account = ACCOUNT.matcher(created(http, operator, "/api/operator/residents", "{\"username\":\""
                + username(system, mrn) + "\",\"initialPassword\":\"" + PASSWORD + "\",\"eResident\":false,"
                + "\"assurance\":\"HIGH\",\"proofing\":\"IN_PERSON_AT_CITY_OFFICE\"}"));
        assertThat(account.find()).isTrue();
        RawHttp.Response linked = send(http, operator, "/api/operator/residents/" + account.group(1)
                + "/enrolment-links", "{\"source\":\"" + hospital + "\",\"system\":\"" + system + "\",\"value\":\""
                + mrn + "\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(204);
        return db.queryForObject("SELECT resident_id::text FROM id_account WHERE account_id = ?::uuid", String.class,
                account.group(1));
    }

    /** The resident consents, in the portal, to the wellness service's health advice with their lab results. */
    private static void consent(String username) throws Exception {
        Session resident = signIn(http, username, "/portal");
        resident = new Session(resident.cookie(), csrf(http.get("/portal", cookie(resident)), CSRF_FIELD));
        RawHttp.Response consented = send(http, resident, "/portal/api/consents", "{\"recipient\":\"" + service
                + "\",\"purpose\":\"health-advice\",\"categories\":[\"MEDICAL/laboratory\"],\"language\":\"ja\","
                + "\"textVersion\":\"consent-question-1\"}");
        assertThat(consented.status()).as(consented.body()).isEqualTo(201);
    }

    private static String approvedRequest(String wellnessToken) throws Exception {
        String spec = "{\"title\":\"Labs\",\"purpose\":\"health-advice\",\"categories\":[\"MEDICAL/laboratory\"],"
                + "\"items\":[\"Observation\"],\"periodStart\":\"1900-01-01\",\"periodEnd\":\"2030-12-31\","
                + "\"refreshIntervalDays\":30,"
                + "\"deidentification\":{\"dates\":\"MONTH\",\"ageBandYears\":10,\"location\":\"NONE\",\"k\":2}}";
        RawHttp.Response filed = http.send("POST", "/api/system/dataset-requests", "application/json", spec,
                bearer(wellnessToken));
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        Matcher id = REQUEST_ID.matcher(filed.body());
        assertThat(id.find()).isTrue();
        RawHttp.Response assessed = send(http, operator(), "/api/operator/dataset-requests/" + id.group(1)
                + "/assessments", Assessed.JSON);
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        RawHttp.Response approved = send(http, operator(), "/api/operator/dataset-requests/" + id.group(1) + "/review",
                "{\"outcome\":\"APPROVE\",\"rationale\":\"Aggregates for health advice\",\"askResidents\":false}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return id.group(1);
    }

    /** The Bundle with its Patient made alike (gender, birth date, no address), so k-anonymity keeps them all. */
    private static Bundle sameQuasiIdentifiers(Path file) throws Exception {
        Bundle bundle = (Bundle) FhirContext.forR4Cached().newJsonParser()
                .parseResource(Files.readString(file, StandardCharsets.UTF_8));
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance)
                .map(Patient.class::cast).forEach(patient -> {
                    patient.setGender(Enumerations.AdministrativeGender.FEMALE);
                    patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-01-15"));
                    patient.setAddress(new ArrayList<>());
                });
        return bundle;
    }

    private static String mrnOf(String bundleJson) {
        Bundle bundle = (Bundle) FhirContext.forR4Cached().newJsonParser().parseResource(bundleJson);
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance)
                .map(Patient.class::cast).findFirst().orElseThrow().getIdentifier().stream()
                .filter(i -> SYNTHEA_MRN.equals(i.getSystem())).findFirst().map(Identifier::getValue).orElseThrow();
    }

    /** An uncommitted insert into the record table of this bank's schema: the ingest is writing its rows. */
    private static boolean writingRecords() {
        return db.queryForObject("SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'tb_record_version'"
                + " AND l.mode = 'RowExclusiveLock' AND l.granted", Integer.class, DATABASE.schema()) > 0;
    }

    private static boolean exportRunningThroughItsCohort(String job) {
        return db.queryForObject("SELECT COUNT(*) FROM fg_export_job WHERE job_id = ? AND status = 'RUNNING'"
                + " AND residents_total > 0", Integer.class, job) > 0;
    }

    private static boolean eraseLogged(String resident) {
        return db.queryForObject("SELECT COUNT(*) FROM cp_access_log WHERE resident_id = ?::uuid"
                + " AND entry_json LIKE '%\"ERASE\"%'", Integer.class, resident) > 0;
    }

    private static int records(String resident) {
        return db.queryForObject("SELECT COUNT(*) FROM tb_record_head WHERE resident_id = ?::uuid", Integer.class,
                resident);
    }

    private static int keyrings(String resident) {
        return db.queryForObject("SELECT COUNT(*) FROM tb_resident_keyring WHERE resident_id = ?::uuid", Integer.class,
                resident);
    }

    private static boolean ledgerNames(String resident) throws Exception {
        Path ledger = bank.dataDir().resolve("erasure-ledger.txt");
        return Files.exists(ledger) && Files.readAllLines(ledger).stream().anyMatch(l -> l.startsWith(resident + " "));
    }

    /** Asked of OpenBao with the infrastructure's token, not the bank's. */
    private static boolean vaultHasKey(String kek) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                RequiredEnv.get("AZUKARI_IT_VAULT_ADDR") + "/v1/transit/keys/" + kek))
                .header("X-Vault-Token", RequiredEnv.get("AZUKARI_IT_VAULT_TOKEN")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 404);
        return answer.statusCode() == 200;
    }

    /** The status the request got before the kill, if any (a killed bank answers nothing). */
    private static Optional<Integer> answer(Future<RawHttp.Response> request) {
        try {
            return Optional.of(request.get().status());
        } catch (Exception cutOff) {
            return Optional.empty();
        }
    }

    /** {@code GET /api/audit/verify} as an auditor: the same walk as the command, in the restarted bank. */
    private static void auditVerifiesIntact() throws Exception {
        Session auditor = signIn(http, "aud-" + suffix, "/audit");
        RawHttp.Response verdict = http.get("/api/audit/verify", cookie(auditor));
        assertThat(verdict.status()).as(verdict.body()).isEqualTo(200);
        assertThat(verdict.body()).contains("\"intact\":true");
    }

    /** {@code audit verify} through the jar, as an operator runs it: once, it costs a JVM's start. */
    private static void auditCommandVerifiesIntact() throws Exception {
        ProductionJar.Run verified = bank.command(Map.of(), "audit", "verify");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("intact:");
    }

    private static boolean shared(Path file) {
        return file.getFileName().toString().matches("(hospital|practitioner)Information.*");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
