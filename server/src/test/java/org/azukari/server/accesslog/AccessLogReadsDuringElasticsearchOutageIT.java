package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.PersonAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.PatientGlucoseBundles;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.ServiceFaultsWorld;
import org.azukari.server.database.DatabaseRestartDuringRequestsIT;

/**
 * The whole bank on PostgreSQL with the access log's search index in Elasticsearch, reached
 * through a fault proxy that is cut (every connection dropped, new ones refused: what the
 * bank sees of a stopped node; {@code IndexingDuringOutageIT} stops and restarts a real one under
 * the indexer). Appends keep working — an ingest and sign-ins are recorded in PostgreSQL and wait
 * in the outbox; the reads that come from the index (the resident's activity page and
 * {@code /portal/access-log}, the auditor's entries and AuditEvent search, the auditor's console
 * search and its CSV, an auditor's system's {@code GET /fhir/AuditEvent}) answer 503 with
 * {@code Retry-After}, never an empty list; {@code audit verify}, which reads PostgreSQL, still
 * answers intact. Once the index is reachable again the outbox drains by itself and every entry
 * appended meanwhile is found.
 */
class AccessLogReadsDuringElasticsearchOutageIT extends ServiceFaultsWorld {

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void reachableAgain() {
        INDEX.restore();
    }

    @Test
    void whileTheIndexIsDown_appendsAreKept_indexReadsAre503_verifyReadsPostgres_andTheOutboxCatchesUp() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "esres-" + suffix;
        PersonAccount account = registerResident(username);
        ResidentId resident = account.resident().orElseThrow();
        String mrn = "es-" + suffix;
        people.linkEnrolment(new EnrolmentLink(resident, world().hospital(), PatientGlucoseBundles.MRN, mrn));
        String feedToken = accessToken(registerSourceFeed("esfeed-" + suffix, world().hospital()), "system/*.cu");
        String auditor = signIn("auditor");
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox() == 0);

        INDEX.cut();
        RawHttp.Response pushed = http.send("POST", "/fhir", "application/fhir+json",
                PatientGlucoseBundles.of(mrn, "101"), bearer(feedToken));
        String session = signInAs(username, "resident");

        assertThat(pushed.status()).as("an append does not need the index").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cp_access_log WHERE resident_id = ? AND "
                + DatabaseRestartDuringRequestsIT.INGEST, Integer.class, resident.value())).isEqualTo(1);
        assertThat(outbox()).as("waiting for the index").isPositive();
        assertUnavailable(http.get("/portal/access-log", cookie(session)), "CP-0110");
        assertUnavailable(http.get("/portal/fhir/AuditEvent", cookie(session)), "CP-0110");
        RawHttp.Response activity = http.get("/portal/activity", cookie(session), "Accept-Language: en");
        assertThat(activity.status()).as("the activity page reads the index").isEqualTo(503);
        assertThat(activity.header("Retry-After")).isNotBlank();
        assertThat(activity.body()).doesNotContain("Exception").doesNotContain("Records received");
        assertUnavailable(http.get("/api/audit/entries?resident=" + resident.value(), cookie(auditor)), "CP-0110");
        assertUnavailable(http.get("/api/audit/fhir/AuditEvent?patient=" + resident.value(), cookie(auditor)),
                "CP-0110");
        for (String page : java.util.List.of("/audit/log?resident=", "/audit/log.csv?resident=")) {
            RawHttp.Response console = http.get(page + resident.value(), cookie(auditor), "Accept-Language: en");
            assertThat(console.status()).as("the auditor's console reads the index: " + page).isEqualTo(503);
            assertThat(console.header("Retry-After")).isNotBlank();
            assertThat(console.body()).doesNotContain("Exception").doesNotContain("INGEST")
                    .doesNotContain("sequence,time");
        }
        RawHttp.Response verified = http.get("/api/audit/verify", cookie(auditor));
        assertThat(verified.status()).as("verify reads the chain in PostgreSQL").isEqualTo(200);
        assertThat(verified.body()).contains("\"intact\":true");

        INDEX.restore();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> outbox() == 0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get("/portal/access-log", cookie(session)).body().contains("\"INGEST\""));
        RawHttp.Response entries = http.get("/api/audit/entries?resident=" + resident.value(), cookie(auditor));
        assertThat(entries.status()).isEqualTo(200);
        assertThat(entries.body()).contains("INGEST");
        assertThat(http.get("/portal/activity", cookie(session), "Accept-Language: en").status()).isEqualTo(200);
    }

    @Test
    void anAuditSystemsFhirSearch_whileTheIndexIsDown_is503WithRetryAfter_andFindsTheEntryOnceItIsBack() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ResidentId resident = registerResident("esaud-" + suffix).resident().orElseThrow();
        String mrn = "esa-" + suffix;
        people.linkEnrolment(new EnrolmentLink(resident, world().hospital(), PatientGlucoseBundles.MRN, mrn));
        String feedToken = accessToken(registerSourceFeed("esafeed-" + suffix, world().hospital()), "system/*.cu");
        String auditSystem = accessToken(world().auditSystem(), AUDIT_SCOPE);
        String search = "/fhir/AuditEvent?patient=Patient/" + resident.value() + "&subtype=create";
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox() == 0);

        INDEX.cut();
        assertThat(http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, "187.25"),
                bearer(feedToken)).status()).as("an append does not need the index").isEqualTo(200);
        RawHttp.Response down = http.get(search, bearer(auditSystem));

        assertThat(down.status()).as("an auditor's system reads the index: " + down.body()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isNotBlank();
        assertThat(down.body()).contains("OperationOutcome").contains("transient").contains("FG-0745")
                .doesNotContain("Exception").doesNotContain("\"AuditEvent\"");

        INDEX.restore();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> outbox() == 0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(search, bearer(auditSystem)).body().contains("\"AuditEvent\""));
        RawHttp.Response back = http.get(search, bearer(auditSystem));
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body()).contains("\"create\"").doesNotContain("187.25").doesNotContain(mrn);
    }

    private int outbox() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cp_access_log_outbox", Integer.class);
    }

    private static void assertUnavailable(RawHttp.Response answer, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body()).contains(code).doesNotContain("Exception").doesNotContain("[]");
    }
}
