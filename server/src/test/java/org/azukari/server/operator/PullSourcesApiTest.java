package org.azukari.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/** The operator's pull-source API over HTTP, with the real identity module and the real pull side behind it. */
class PullSourcesApiTest extends RealIdentityWorld {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String SYSTEM = "urn:oid:1.2.392.100495.20.3.51.11319999999";

    private String session;
    private String csrf;

    @BeforeEach
    void signInAsOperator() throws Exception {
        session = signIn("operator");
        csrf = csrfOf(session, "/api/operator/whoami");
    }

    private RawHttp.Response send(String method, String path, String json) throws Exception {
        return http.send(method, path, "application/json", json, cookie(session), "X-CSRF-Token: " + csrf);
    }

    private String register(String baseUrl) throws Exception {
        RawHttp.Response answer = send("POST", "/api/operator/pull-sources", "{\"organisation\":\"" + world().hospital()
                + "\",\"baseUrl\":\"" + baseUrl + "\",\"validationMode\":\"LENIENT\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        Matcher id = ID.matcher(answer.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/fhir";
        }
    }

    @Test
    void operator_registersASource_linksAResident_andPullingNow_showsTheFailureInTheStatus() throws Exception {
        String id = register(closedPortUrl());
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String resident = world().people().get("resident-b").account().toString();

        RawHttp.Response linked = send("POST", "/api/operator/pull-sources/" + id + "/residents",
                "{\"account\":\"" + resident + "\",\"system\":\"" + SYSTEM + "\",\"value\":\"" + mrn + "\"}");
        RawHttp.Response pulling = send("POST", "/api/operator/pull-sources/" + id + "/pull", "");

        assertThat(linked.status()).as(linked.body()).isEqualTo(204);
        assertThat(pulling.status()).as(pulling.body()).isEqualTo(202);
        assertThat(people.findResidentByEnrolment(world().hospital(), SYSTEM, mrn))
                .isEqualTo(world().people().get("resident-b").resident());
        String status = awaitStatus(id, "\"failing\":1");
        assertThat(status).contains("\"targets\":1").contains("\"code\":\"FG-0610\"")
                .doesNotContain(mrn).doesNotContain(world().people().get("resident-b").resident().orElseThrow().toString());
        assertThat(http.get("/api/operator/pull-sources", cookie(session)).body()).contains(id);
    }

    @Test
    void operator_disablesASource_andItCannotBePulledNow() throws Exception {
        String id = register("https://fhir.hospital.example/r4");

        RawHttp.Response disabled = send("PATCH", "/api/operator/pull-sources/" + id, "{\"enabled\":false}");
        RawHttp.Response pulling = send("POST", "/api/operator/pull-sources/" + id + "/pull", "");

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.body()).contains("\"enabled\":false");
        assertThat(pulling.status()).isEqualTo(400);
        assertThat(pulling.body()).contains("\"code\":\"FG-0607\"");
    }

    @Test
    void badInput_getsProblemDetailsWithACode_echoesNothing_andRegistersNothing() throws Exception {
        int before = countSources();
        String org = world().hospital().value();

        RawHttp.Response credentialsInUrl = send("POST", "/api/operator/pull-sources", "{\"organisation\":\"" + org
                + "\",\"baseUrl\":\"https://puller:hunter2@fhir.hospital.example/r4\",\"validationMode\":\"STRICT\"}");
        RawHttp.Response ftp = send("POST", "/api/operator/pull-sources", "{\"organisation\":\"" + org
                + "\",\"baseUrl\":\"ftp://fhir.hospital.example/r4\",\"validationMode\":\"STRICT\"}");
        RawHttp.Response unknownOrganisation = send("POST", "/api/operator/pull-sources",
                "{\"organisation\":\"nobody-here\",\"baseUrl\":\"https://h.example/r4\",\"validationMode\":\"STRICT\"}");
        RawHttp.Response wellness = send("POST", "/api/operator/pull-sources", "{\"organisation\":\""
                + world().wellness() + "\",\"baseUrl\":\"https://h.example/r4\",\"validationMode\":\"STRICT\"}");
        RawHttp.Response unknownCredential = send("POST", "/api/operator/pull-sources", "{\"organisation\":\"" + org
                + "\",\"baseUrl\":\"https://h.example/r4\",\"credentialRef\":\"nowhere\",\"validationMode\":\"STRICT\"}");
        RawHttp.Response unknownMode = send("POST", "/api/operator/pull-sources", "{\"organisation\":\"" + org
                + "\",\"baseUrl\":\"https://h.example/r4\",\"validationMode\":\"WHATEVER\"}");
        RawHttp.Response missing = send("POST", "/api/operator/pull-sources", "{\"organisation\":\"" + org + "\"}");
        RawHttp.Response notJson = send("POST", "/api/operator/pull-sources", "{not json");

        for (RawHttp.Response answer : new RawHttp.Response[] {credentialsInUrl, ftp, unknownOrganisation, wellness,
                unknownCredential, unknownMode, missing, notJson}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("\"code\":").doesNotContain("hunter2").doesNotContain("nobody-here");
        }
        assertThat(credentialsInUrl.body()).contains("FG-0601");
        assertThat(unknownCredential.body()).contains("FG-0603");
        assertThat(countSources()).isEqualTo(before);
    }

    @Test
    void linking_aMyNumber_orANonResident_orToAnUnknownSource_isRefused_andEchoesNothing() throws Exception {
        String id = register("https://fhir.hospital.example/r4");
        String resident = world().people().get("resident-a").account().toString();
        String practitioner = world().people().get("practitioner").account().toString();

        RawHttp.Response myNumber = send("POST", "/api/operator/pull-sources/" + id + "/residents",
                "{\"account\":\"" + resident + "\",\"system\":\"" + SYSTEM + "\",\"value\":\"123456789012\"}");
        RawHttp.Response notAResident = send("POST", "/api/operator/pull-sources/" + id + "/residents",
                "{\"account\":\"" + practitioner + "\",\"system\":\"" + SYSTEM + "\",\"value\":\"MRN-9\"}");
        RawHttp.Response unknownSource = send("POST", "/api/operator/pull-sources/" + UUID.randomUUID() + "/residents",
                "{\"account\":\"" + resident + "\",\"system\":\"" + SYSTEM + "\",\"value\":\"MRN-9\"}");
        RawHttp.Response malformedSource = send("POST", "/api/operator/pull-sources/not-an-id/residents",
                "{\"account\":\"" + resident + "\",\"system\":\"" + SYSTEM + "\",\"value\":\"MRN-9\"}");

        assertThat(myNumber.status()).isEqualTo(400);
        assertThat(myNumber.body()).doesNotContain("123456789012");
        assertThat(notAResident.status()).isEqualTo(404);
        assertThat(unknownSource.status()).isEqualTo(404);
        assertThat(malformedSource.status()).isEqualTo(404);
        assertThat(http.get("/api/operator/pull-sources/" + id, cookie(session)).body()).contains("\"targets\":0");
    }

    @Test
    void onlyOperators_reachPullSources() throws Exception {
        assertThat(http.get("/api/operator/pull-sources").status()).isEqualTo(401);
        assertThat(http.get("/api/operator/pull-sources", cookie(signIn("resident-a"))).status()).isEqualTo(403);
        assertThat(http.get("/api/operator/pull-sources", cookie(signIn("auditor"))).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/operator/pull-sources", "application/json", "{}", cookie(session)).status())
                .as("no CSRF token").isEqualTo(403);
    }

    private int countSources() throws Exception {
        RawHttp.Response list = http.get("/api/operator/pull-sources", cookie(session));
        assertThat(list.status()).isEqualTo(200);
        Matcher ids = ID.matcher(list.body());
        int count = 0;
        while (ids.find()) {
            count++;
        }
        return count;
    }

    /** Polls the source's status until it contains {@code expected}, or fails at the deadline. */
    private String awaitStatus(String id, String expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = http.get("/api/operator/pull-sources/" + id, cookie(session)).body();
            if (body.contains(expected)) {
                return body;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("status never showed " + expected + ": " + body);
    }
}
