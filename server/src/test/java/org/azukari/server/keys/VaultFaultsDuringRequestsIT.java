package org.azukari.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.keys.DataKeyCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.ServiceFaultsWorld;
import org.azukari.server.release.FhirReleaseTest;

/**
 * The whole bank on PostgreSQL and a private, non-dev OpenBao reached through a fault proxy:
 * the vault is sealed, stopped or made slow (answers later than the client's 2 s read timeout)
 * while an ingest, a release, an export or an erasure is in flight — the proxy holds the
 * request's first vault call until the fault is in place. Each answers 503 with its code and
 * {@code Retry-After} within the timeouts (never a 500, never a hang, never "erased"), nothing is
 * half-written or sent, the access log verifies intact, and the same bank serves again once the
 * vault is back. A vault that is slow but under its timeout serves all four.
 */
class VaultFaultsDuringRequestsIT extends ServiceFaultsWorld {

    static final String MRN_SYSTEM = FhirReleaseTest.MRN_SYSTEM;
    static final String TREATMENT = FhirReleaseTest.TREATMENT;
    /** Connect and read timeout of the vault client, and slack for a loaded machine. */
    static final Duration PROMPTLY = Duration.ofSeconds(1 + 2 + 7);

    /** The vault faults, each put in place while a request's vault call is held by the proxy. */
    enum Fault {
        SEALED, STOPPED, SLOW;

        void inject() {
            switch (this) {
                case SEALED -> BAO.seal();
                case STOPPED -> BAO.stop();
                case SLOW -> VAULT.delayAnswers(Duration.ofSeconds(5));
            }
        }
    }

    /** A resident of their own with records, a clinic's pseudonym for them under a laboratory consent. */
    record Held(PersonAccount account, String username, String mrn, String pseudonym) {
        ResidentId resident() {
            return account.resident().orElseThrow();
        }
    }

    private static String feedToken;
    private static SystemClient emr;
    private static OrganisationId wellness;
    private static String wellnessToken;
    private static String datasetRequest;
    /** The resident the ingest and release tests share: a fault leaves them as they were. */
    private static Held shared;

    @Autowired
    TrustBank bank;

    @Autowired
    DataKeyCache cache;

    @Autowired
    AccessLogVerifier verifier;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${azukari.data-dir}")
    Path dataDir;

    @BeforeEach
    void vaultUpAndSources() throws Exception {
        VAULT.restore();
        BAO.ensureRunningAndUnsealed();
        if (feedToken != null) {
            return;
        }
        String suffix = world().suffix();
        feedToken = accessToken(registerSourceFeed("vffeed-" + suffix, world().hospital()), "system/*.cu");
        emr = registerClinicEmr("vfemr-" + suffix, world().clinic());
        wellness = organisation("vfwell-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        wellnessToken = accessToken(registerWellnessService("vfapp-" + suffix, wellness), "system/Group.r");
        datasetRequest = approvedGlucoseRequest(wellnessToken);
        shared = held("shared");
        held("export");
    }

    @AfterEach
    void theAccessLogStaysIntact() {
        VAULT.restore();
        BAO.ensureRunningAndUnsealed();
        assertThat(verifier.verify().intact()).as(verifier.verify().finding()).isTrue();
    }

    // --- ingest

    @ParameterizedTest
    @EnumSource(Fault.class)
    void ingest_whileTheVaultFailsInFlight_is503FG0501_andNothingIsStored_thenItWorksAgain(Fault fault) throws Exception {
        Held held = shared;
        int before = rowsOf(held.resident());

        String src = "vfsrc-" + fault + "-" + held.mrn();
        RawHttp.Response answer = duringAFault(fault, () -> push(held.mrn(), src));

        assertUnavailable(answer, "FG-0501");
        assertThat(answer.body()).contains("OperationOutcome").contains("transient");
        assertThat(rowsOf(held.resident())).as("nothing half-written").isEqualTo(before);
        VAULT.restore();
        BAO.ensureRunningAndUnsealed();
        assertThat(push(held.mrn(), src).status()).isEqualTo(200);
    }

    // --- release

    @ParameterizedTest
    @EnumSource(Fault.class)
    void release_whileTheVaultFailsInFlight_is503_sendsNothing_andTheEntryIsFollowedByAFailedOne(Fault fault)
            throws Exception {
        Held held = shared;
        String token = accessToken(emr, "system/*.rs");
        String search = "/fhir/Observation?patient=" + held.pseudonym();

        RawHttp.Response answer = duringAFault(fault, () -> http.get(search, bearer(token), TREATMENT));

        assertUnavailable(answer, "FG-0707");
        assertThat(answer.body()).contains("OperationOutcome").doesNotContain("\"Observation\"")
                .doesNotContain("2345-7");
        assertThat(answer.header("X-Azukari-Receipt")).isNull();
        List<String> logged = newestEntriesOf(held.resident(), 2);
        assertThat(logged.get(0)).contains("\"decision\":\"PERMIT\"");
        assertThat(logged.get(1)).contains("\"reason\":\"release-failed\"").contains("\"resourceCounts\":{}")
                .contains(FhirReleaseTest.requestIdOf(logged.get(0)));
        VAULT.restore();
        BAO.ensureRunningAndUnsealed();
        RawHttp.Response again = http.get(search, bearer(token), TREATMENT);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("2345-7");
        assertThat(again.header("X-Azukari-Receipt")).isNotBlank();
    }

    // --- export

    @ParameterizedTest
    @EnumSource(Fault.class)
    void export_whileTheVaultFailsInFlight_endsIn503EX0726WithRetryAfter_andKeepsNothingOfIt(Fault fault) throws Exception {
        String[] status = new String[1];
        RawHttp.Response answer = duringAFault(fault, () -> {
            status[0] = statusPath(kickOff(wellnessToken, datasetRequest));
            return untilDone(status[0], wellnessToken);
        });

        assertUnavailable(answer, "EX-0726");
        assertThat(answer.body()).contains("OperationOutcome").doesNotContain("\"output\"");
        String job = status[0].substring(status[0].lastIndexOf('/') + 1);
        assertThat(jdbc.queryForObject("SELECT status FROM fg_export_job WHERE job_id = ?", String.class, job))
                .isEqualTo("FAILED");
        assertThat(exportFilesOf(job)).as("nothing of a failed export is kept").isEmpty();
        VAULT.restore();
        BAO.ensureRunningAndUnsealed();
        RawHttp.Response done = untilDone(statusPath(kickOff(wellnessToken, datasetRequest)), wellnessToken);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
    }

    // --- erasure

    @ParameterizedTest
    @EnumSource(Fault.class)
    void erase_whileTheVaultFailsInFlight_isThe503Page_notErased_andTheLogSaysItDidNotComplete(Fault fault)
            throws Exception {
        Held held = held("erase");
        int records = bank.list(held.resident()).size();
        String session = signInAs(held.username(), "resident");
        Matcher csrf = CSRF_FIELD.matcher(http.get("/portal/my-data/erase", cookie(session)).body());
        assertThat(csrf.find()).isTrue();

        RawHttp.Response answer = duringAFault(fault, () -> http.postForm("/portal/my-data/erase",
                form("understood", "yes", "confirm", "erase-everything", "_csrf", csrf.group(1)), cookie(session)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tb_erasure WHERE resident_id = ?", Integer.class,
                held.resident().value())).as("a vault fault is not an erasure").isZero();
        // the erasure ledger may hold the resident's line: it is written before the key is destroyed
        // (write-ahead, docs/trust-bank.md), so that asking again or the next start finishes the erasure
        List<String> logged = newestEntriesOf(held.resident(), 2);
        assertThat(logged.get(0)).contains("\"action\":\"ERASE\"").contains("\"decision\":\"PERMIT\"");
        assertThat(logged.get(1)).contains("\"action\":\"ERASE\"").contains("\"reason\":\"erasure-failed\"");
        VAULT.restore();
        BAO.ensureRunningAndUnsealed();
        cache.forgetAll();
        assertThat(bank.isEnrolled(held.resident())).isTrue();
        assertThat(bank.list(held.resident())).hasSize(records);
        assertThat(bank.read(held.resident(), bank.list(held.resident()).get(0).id())).isNotNull();
        RawHttp.Response erased = http.postForm("/portal/my-data/erase",
                form("understood", "yes", "confirm", "erase-everything", "_csrf", csrf.group(1)), cookie(session));
        assertThat(erased.status()).as("asking again finishes it").isEqualTo(302);
        assertThat(bank.isEnrolled(held.resident())).isFalse();
    }

    // --- slow, but under the timeout

    @Test
    void aVaultSlowerThanUsualButUnderItsTimeout_stillServesIngestReleaseExportAndErase() throws Exception {
        Held held = held("slow-ok");
        String session = signInAs(held.username(), "resident");
        Matcher csrf = CSRF_FIELD.matcher(http.get("/portal/my-data/erase", cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        String token = accessToken(emr, "system/*.rs");
        cache.forgetAll();
        VAULT.delayAnswers(Duration.ofMillis(800));

        assertThat(push(held.mrn(), "vfslow-" + held.mrn()).status()).isEqualTo(200);
        cache.forgetAll();
        RawHttp.Response released = http.get("/fhir/Observation?patient=" + held.pseudonym(), bearer(token), TREATMENT);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.header("X-Azukari-Receipt")).isNotBlank();
        cache.forgetAll();
        RawHttp.Response exported = untilDone(statusPath(kickOff(wellnessToken, datasetRequest)), wellnessToken);
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        RawHttp.Response erased = http.postForm("/portal/my-data/erase",
                form("understood", "yes", "confirm", "erase-everything", "_csrf", csrf.group(1)), cookie(session));
        assertThat(erased.status()).isEqualTo(302);
        assertThat(bank.isEnrolled(held.resident())).isFalse();
    }

    // --- the fault, in flight

    /**
     * Sends {@code call} with the vault's cached keys forgotten and the proxy holding every vault
     * request for a second; once the first is held, puts the fault in place. The answer must come
     * within the client's timeouts.
     */
    private RawHttp.Response duringAFault(Fault fault, Call call) throws Exception {
        cache.forgetAll();
        long seen = VAULT.requestsSeen();
        VAULT.holdRequests(Duration.ofSeconds(1));
        CompletableFuture<RawHttp.Response> answer = inFlight(call);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> VAULT.requestsSeen() > seen || answer.isDone());
        assertThat(answer).as("the request reached the vault before it answered").isNotDone();
        Instant faulted = Instant.now();
        fault.inject();
        RawHttp.Response response = answer.get(60, TimeUnit.SECONDS);
        assertThat(Duration.between(faulted, Instant.now())).as("answered within the vault client's timeouts")
                .isLessThan(PROMPTLY);
        return response;
    }

    private static void assertUnavailable(RawHttp.Response answer, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body()).contains(code).doesNotContain("Exception");
    }

    private RawHttp.Response push(String mrn, String src) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", FhirReleaseTest.bundleFor(mrn, src), bearer(feedToken));
    }

    private Held held(String label) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "vf" + label + "-" + suffix;
        PersonAccount account = registerResident(username);
        ResidentId resident = account.resident().orElseThrow();
        String mrn = "vf-" + suffix;
        people.linkEnrolment(new EnrolmentLink(resident, world().hospital(), MRN_SYSTEM, mrn));
        RawHttp.Response pushed = push(mrn, "vfsrc-" + suffix);
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).doesNotContain("\"status\":\"4");
        grantLaboratory(resident, Recipient.organisation(world().clinic().value()), "treatment");
        grantLaboratory(resident, Recipient.organisation(wellness.value()), "health-advice");
        String code = shareCodeOf(signInAs(username, "resident"));
        RawHttp.Response exchanged = http.send("POST", "/fhir/Patient/$exchange-share-code", "application/fhir+json",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\"" + code + "\"}]}",
                bearer(accessToken(emr, "system/*.rs")), TREATMENT);
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([a-z2-7]{26})\"").matcher(exchanged.body());
        assertThat(id.find()).isTrue();
        return new Held(account, username, mrn, id.group(1));
    }

    private List<Path> exportFilesOf(String job) throws Exception {
        try (var files = Files.walk(dataDir)) {
            return files.filter(path -> path.toString().contains(job)).toList();
        }
    }

    /** Records, source-index rows and log entries of the resident: what an ingest would add to. */
    private int rowsOf(ResidentId resident) {
        return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM tb_record_version WHERE resident_id = ?)"
                + " + (SELECT COUNT(*) FROM fg_source_record WHERE custody_id = ?)"
                + " + (SELECT COUNT(*) FROM cp_access_log WHERE resident_id = ?)", Integer.class,
                resident.value(), resident.value(), resident.value());
    }

    private List<String> newestEntriesOf(ResidentId resident, int n) {
        List<String> newestFirst = new java.util.ArrayList<>(jdbc.queryForList("SELECT entry_json FROM cp_access_log WHERE resident_id = ?"
                + " ORDER BY sequence DESC LIMIT ?", String.class, resident.value(), n));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
