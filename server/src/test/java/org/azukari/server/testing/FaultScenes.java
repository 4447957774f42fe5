package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.datasets.DatasetExportTest;

/**
 * What the dependency-fault ITs set up over HTTP and the real registries: laboratory consents, a
 * resident's share code, an approved glucose dataset request and its export, a request sent on
 * its own thread so that a fault can be put in place while it is in flight.
 */
public abstract class FaultScenes extends RealIdentityWorld {

    public static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    protected Consents consents;

    public interface Call {
        RawHttp.Response send() throws Exception;
    }

    /** Sends {@code call} on a thread of its own; its answer, once there is one. */
    public static CompletableFuture<RawHttp.Response> inFlight(Call call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.send();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The resident's consent to {@code recipient} for {@code purpose}, laboratory data only. */
    protected void grantLaboratory(ResidentId resident, Recipient recipient, String purpose) {
        String text = "『" + purpose + "』を目的として、『医療データ（laboratory）』を提供してよいですか？";
        consents.grant(resident, new ConsentTerms(recipient, new Purpose(purpose),
                Set.of(ConsentCategory.of(DataCategory.MEDICAL, "laboratory")),
                ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"),
                new AccessActor("RESIDENT", "fault-tests", Optional.empty(), Optional.empty()));
    }

    /** A share code of the resident signed in with {@code session}. */
    protected String shareCodeOf(String session) throws Exception {
        RawHttp.Response portal = http.get("/portal", cookie(session));
        Matcher csrf = CSRF_FIELD.matcher(portal.body());
        assertThat(csrf.find()).as(portal.body()).isTrue();
        RawHttp.Response answer = http.send("POST", "/portal/api/share-codes", "application/json", "{}",
                cookie(session), "X-CSRF-Token: " + csrf.group(1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(answer.body());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    /** A dataset request for glucose results (laboratory, 2024) filed by the wellness service and approved by an operator. */
    protected String approvedGlucoseRequest(String wellnessToken) throws Exception {
        String spec = "{\"title\":\"Glucose\",\"purpose\":\"health-advice\",\"categories\":[\"MEDICAL/laboratory\"],"
                + "\"items\":[\"Observation|http://loinc.org|2345-7\"],\"periodStart\":\"2024-01-01\","
                + "\"periodEnd\":\"2024-12-31\",\"refreshIntervalDays\":30,"
                + "\"deidentification\":{\"dates\":\"MONTH\",\"ageBandYears\":10,\"location\":\"PREFECTURE\",\"k\":2}}";
        RawHttp.Response filed = http.send("POST", "/api/system/dataset-requests", "application/json", spec,
                bearer(wellnessToken));
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        Matcher id = DatasetExportTest.ID.matcher(filed.body());
        assertThat(id.find()).isTrue();
        String operator = signIn("operator");
        String csrf = csrfOf(operator, "/api/operator/whoami");
        RawHttp.Response assessed = http.send("POST", "/api/operator/dataset-requests/" + id.group(1) + "/assessments",
                "application/json", Assessed.JSON, cookie(operator), "X-CSRF-Token: " + csrf);
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        RawHttp.Response approved = http.send("POST", "/api/operator/dataset-requests/" + id.group(1) + "/review",
                "application/json", "{\"outcome\":\"APPROVE\",\"rationale\":\"Aggregates for health advice\","
                        + "\"askResidents\":false}", cookie(operator), "X-CSRF-Token: " + csrf);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return id.group(1);
    }

    protected RawHttp.Response kickOff(String wellnessToken, String request) throws Exception {
        return http.get("/fhir/Group/" + request + "/$export", bearer(wellnessToken), "Prefer: respond-async");
    }

    /** The status path a kick-off answered. */
    public static String statusPath(RawHttp.Response kicked) {
        assertThat(kicked.status()).as(kicked.body()).isEqualTo(202);
        return kicked.header("Content-Location").replaceFirst("^https?://[^/]+", "");
    }

    /** Polls an export's status until it is no longer 202 (running); its last answer. */
    /**
     * Polls the export's status until the job's own answer: not 202 (running), and not the 503 of a
     * credential check that met a connection a database restart closed (the pool hands such a
     * connection out once and evicts it; problem details, not the job's OperationOutcome).
     */
    protected RawHttp.Response untilDone(String status, String wellnessToken) {
        RawHttp.Response[] last = new RawHttp.Response[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = http.get(status, bearer(wellnessToken));
            boolean credentialsUnchecked = last[0].status() == 503 && !last[0].body().contains("OperationOutcome");
            return last[0].status() != 202 && !credentialsUnchecked;
        });
        return last[0];
    }
}
