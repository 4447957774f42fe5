package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.azukari.identity.api.SecurityEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.EdgeTestSupport;
import org.azukari.server.testing.InMemoryRealms;
import org.azukari.server.testing.RawHttp;

/** Systems' bearer-token routes: what is refused, how, and that nothing stateful happens. */
class BearerTokenFilterTest extends EdgeTestSupport {

    private static final String OPERATION_OUTCOME_LOGIN =
            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"login\"";

    static String[] badAuthorization() {
        return new String[] {
            null,
            "Authorization: Bearer",
            "Authorization: Bearer ",
            "Authorization: Bearer a b",
            "Authorization: Bearer " + "a".repeat(10_240),
            "Authorization: Basic ZWRnZS10ZXN0LW9wZXJhdG9yOnB3",
            "Authorization: Bearer not-a-known-token",
            "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN + "x",
            "Authorization: Bearer\t" + InMemoryRealms.SYSTEM_TOKEN,
            "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN + "\",x=\"",
            "Authorization: Bearer =" + InMemoryRealms.SYSTEM_TOKEN,
        };
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badAuthorization")
    void fhir_withMissingMalformedOrUnknownToken_answers401WithOperationOutcome(String header) throws IOException {
        RawHttp.Response answer = header == null ? http.get("/fhir/Patient") : http.get("/fhir/Patient", header);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(answer.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(answer.body()).startsWith(OPERATION_OUTCOME_LOGIN);
        assertThat(answer.headers("Set-Cookie")).isEmpty();
        if (header != null && header.length() > 25) {
            assertThat(answer.body()).doesNotContain(header.substring(22, 25 + Math.min(10, header.length() - 25)));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badAuthorization")
    void systemApi_withMissingMalformedOrUnknownToken_answers401WithProblemDetails(String header) throws IOException {
        RawHttp.Response answer = header == null ? http.get("/api/system/ping") : http.get("/api/system/ping", header);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":401").doesNotContain("Exception");
    }

    @Test
    void systemApi_withTwoAuthorizationHeaders_isRefused() throws IOException {
        RawHttp.Response answer = http.get("/api/system/ping", "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN,
                "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN);

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void systemApi_withValidToken_answersTheSystemCaller_andCreatesNoSession() throws IOException {
        RawHttp.Response answer = http.get("/api/system/ping", "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"kind\":\"CLINIC_EMR\"").contains("\"client\":\"edge-test-emr\"")
                .doesNotContain("csrfToken");
        assertThat(answer.headers("Set-Cookie")).isEmpty();
    }

    @Test
    void systemApi_withValidTokenAndAPersonsSessionCookie_staysStatelessAndAnswersTheSystem() throws IOException {
        String operatorSession = signIn(InMemoryRealms.OPERATOR);

        RawHttp.Response answer = http.get("/api/system/ping", "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN,
                cookie(operatorSession));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"kind\":\"CLINIC_EMR\"").doesNotContain("OPERATOR");
        assertThat(answer.headers("Set-Cookie")).isEmpty();
    }

    @Test
    void fhir_withValidToken_passesTheEdge_andUnknownResourcesAnswerOperationOutcome() throws IOException {
        RawHttp.Response answer = http.get("/fhir/Nothing-here", "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN);

        // no FHIR server is mounted yet: the edge let it through, the error page speaks FHIR
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(answer.body()).startsWith("{\"resourceType\":\"OperationOutcome\"").doesNotContain("Exception");
    }

    @Test
    void systemApi_withAPersonsSessionButNoToken_isRefused() throws IOException {
        String operatorSession = signIn(InMemoryRealms.OPERATOR);

        assertThat(http.get("/api/system/ping", cookie(operatorSession)).status()).isEqualTo(401);
        assertThat(http.get("/fhir/Patient", cookie(operatorSession)).status()).isEqualTo(401);
    }

    @Test
    void personRoutes_withAValidBearerToken_areRefused() throws IOException {
        String bearer = "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN;

        assertThat(http.get("/api/operator/whoami", bearer).status()).isEqualTo(401);
        assertThat(http.get("/api/audit/whoami", bearer).status()).isEqualTo(401);
        assertThat(http.get("/portal", bearer).status()).isEqualTo(302);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/actuator/health"})
    void anonymousRoute_staysAnonymous_evenWithGarbageCredentials(String path) throws IOException {
        assertThat(http.get(path).status()).isEqualTo(200);
        assertThat(http.get(path, "Authorization: Bearer garbage").status()).isEqualTo(200);
        assertThat(http.get(path, "Authorization: Basic Zm9vOmJhcg==").status()).isEqualTo(200);
        assertThat(http.get(path, cookie("no-such-session")).status()).isEqualTo(200);
    }

    @Test
    void fhirMetadata_isAnonymous() throws IOException {
        RawHttp.Response answer = http.get("/fhir/metadata");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"resourceType\":\"CapabilityStatement\"");
    }

    @Test
    void refusal_isRecordedAsAccessRefused_withPathButNoToken() throws IOException {
        http.get("/api/system/ping", "Authorization: Bearer edge-test-secret-looking-token");

        assertThat(securityEvents.events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(SecurityEvent.Type.ACCESS_REFUSED);
            assertThat(e.requestPath()).contains("/api/system/ping");
        });
        assertThat(securityEvents.events).allSatisfy(e -> assertThat(e.toString())
                .doesNotContain("edge-test-secret-looking-token").doesNotContain(InMemoryRealms.SYSTEM_TOKEN));
    }

    @Test
    void unlistedPath_isRefused_anonymouslyAndSignedIn() throws IOException {
        RawHttp.Response anonymous = http.get("/not-in-the-chain");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

        String operatorSession = signIn(InMemoryRealms.OPERATOR);
        assertThat(http.get("/not-in-the-chain", cookie(operatorSession)).status()).isEqualTo(403);
    }

    @Test
    void logFile_neverHoldsATokenOrAPassword() throws IOException {
        http.get("/api/system/ping", "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN);
        http.get("/fhir/Patient", "Authorization: Bearer edge-test-secret-looking-token");
        Visitor visitor = openSignInPage();
        submitSignIn(visitor, InMemoryRealms.OPERATOR, "edge-test-wrong-password");
        submitSignIn(visitor, InMemoryRealms.OPERATOR, InMemoryRealms.PASSWORD);

        // Boot configures logging once per test JVM: the file is whichever the first context chose.
        String log = java.nio.file.Files.readString(org.azukari.server.CurrentLogFile.path());

        assertThat(log).contains("access refused")
                .doesNotContain(InMemoryRealms.SYSTEM_TOKEN)
                .doesNotContain("edge-test-secret-looking-token")
                .doesNotContain("edge-test-wrong-password")
                .doesNotContain(InMemoryRealms.PASSWORD)
                .doesNotContain(visitor.csrf());
    }

    @Test
    void everyAnswer_carriesTheSecurityHeaders() throws IOException {
        for (String target : new String[] {"/", "/fhir/Patient", "/signin", "/nothing", "/fhir/Patient;x=1"}) {
            RawHttp.Response answer = http.get(target);
            assertThat(answer.header("X-Content-Type-Options")).as(target).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).as(target).isEqualTo("DENY");
            assertThat(answer.header("Cache-Control")).as(target).contains("no-store");
            assertThat(answer.header("Content-Security-Policy")).as(target).contains("frame-ancestors 'none'");
        }
    }
}
