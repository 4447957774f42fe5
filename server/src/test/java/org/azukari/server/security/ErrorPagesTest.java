package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.azukari.server.testing.EdgeTestSupport;
import org.azukari.server.testing.RawHttp;

/**
 * Every error answer, whoever produced it (the edge's filters, Spring MVC, Tomcat's connector),
 * is JSON in the path's shape: OperationOutcome under /fhir, problem details elsewhere, with no
 * Whitelabel page, no exception name, no stack trace and no server banner.
 */
class ErrorPagesTest extends EdgeTestSupport {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        // refused by the edge
        "/fhir/Patient,            401, application/fhir+json",
        "/api/operator/whoami,     401, application/problem+json",
        "/unlisted,                401, application/problem+json",
        // refused by Shiro's request screen
        "/fhir/Patient;x=1,        400, application/fhir+json",
        "/fhir/./Patient,          400, application/fhir+json",
        "/api/operator/%2e/whoami, 400, application/problem+json",
        // refused by Tomcat's connector before the application
        "/fhir%2fPatient,          400, application/problem+json",
        "/fhir/Patient%00,         400, application/fhir+json",
        "/api%5coperator,          400, application/problem+json",
        // refused by the bearer filter, or answered by Spring MVC's error dispatch
        "/fhir/.well-known/other,  401, application/fhir+json",
        "/error,                   404, application/problem+json",
    })
    void error_isJsonInThePathsShape(String target, int status, String contentType) throws IOException {
        RawHttp.Response answer = http.get(target);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith(contentType);
        if (contentType.equals("application/fhir+json")) {
            assertThat(answer.body()).startsWith("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\"");
        } else {
            assertThat(answer.body()).startsWith("{\"type\":\"about:blank\"").contains("\"status\":" + status);
        }
        assertThat(answer.body()).doesNotContain("Whitelabel").doesNotContain("Exception").doesNotContain("at org.")
                .doesNotContain("Tomcat").doesNotContain("<html");
        assertThat(answer.header("Server")).isNull();
    }
}
