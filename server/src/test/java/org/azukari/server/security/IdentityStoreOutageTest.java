package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.azukari.server.testing.DatabaseOutage;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The database behind identity goes down under the running bank (its real H2 database, taken
 * exclusively: see {@link DatabaseOutage}). Callers with a valid token or the right password are
 * told the truth: 503 with {@code Retry-After}, never {@code invalid_token}, {@code invalid_client}
 * or "sign-in failed"; once the database is back the same credentials work. A context and data
 * directory of its own, so no other test's database is touched; a short pool timeout so that a
 * request does not wait Hikari's default 30 s for a connection that will not come.
 */
@TestPropertySource(properties = {"azukari.data-dir=./target/identity-outage-test-data",
        "spring.datasource.hikari.connection-timeout=1000"})
class IdentityStoreOutageTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    Environment environment;

    @Test
    void fhirRequest_withAValidTokenWhileTheDatabaseIsDown_answers503WithRetryAfter_notInvalidToken()
            throws Exception {
        String token = accessToken(world().emr(), "system/Observation.rs");

        RawHttp.Response during;
        try (DatabaseOutage down = DatabaseOutage.begin(environment)) {
            during = http.get("/fhir/Observation", bearer(token), "X-Azukari-Purpose: treatment");
        }

        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("30");
        assertThat(during.header("WWW-Authenticate")).isNull();
        assertThat(during.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(during.body()).startsWith("{\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"transient\"").doesNotContain("\"login\"").doesNotContain(token);
        assertThat(onceBack(() -> http.get("/api/system/ping", bearer(token)))).as("the same token, database back")
                .isEqualTo(200);
    }

    @Test
    void systemApi_withAValidTokenWhileTheDatabaseIsDown_answers503ProblemDetailsWithRetryAfter() throws Exception {
        String token = accessToken(world().emr(), "system/Observation.rs");

        RawHttp.Response during;
        try (DatabaseOutage down = DatabaseOutage.begin(environment)) {
            during = http.get("/api/system/ping", bearer(token));
        }

        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("30");
        assertThat(during.header("WWW-Authenticate")).isNull();
        assertThat(during.header("Content-Type")).startsWith("application/problem+json");
        assertThat(during.body()).contains("\"status\":503").doesNotContain(token);
        assertThat(onceBack(() -> http.get("/api/system/ping", bearer(token)))).isEqualTo(200);
    }

    @Test
    void tokenRequest_withAValidAssertionWhileTheDatabaseIsDown_answers503TemporarilyUnavailable_notInvalidClient()
            throws Exception {
        String assertion = assertion(world().emr(), TOKEN_ENDPOINT, Instant.now().plusSeconds(120));

        RawHttp.Response during;
        try (DatabaseOutage down = DatabaseOutage.begin(environment)) {
            during = requestToken(assertion, "system/Observation.rs");
        }

        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("30");
        assertThat(during.header("WWW-Authenticate")).isNull();
        assertThat(during.header("Cache-Control")).contains("no-store");
        assertThat(during.body()).contains("\"error\":\"temporarily_unavailable\"").doesNotContain("invalid_client")
                .doesNotContain(assertion);
        assertThat(onceBack(() -> requestToken(assertion(world().emr(), TOKEN_ENDPOINT,
                Instant.now().plusSeconds(120)), "system/Observation.rs"))).isEqualTo(200);
    }

    @Test
    void signIn_withTheRightPasswordWhileTheDatabaseIsDown_answersThe503Page_notSignInFailed() throws Exception {
        RawHttp.Response page = http.get("/signin");
        String visitor = page.cookie(COOKIE);
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String form = form("username", usernameOf("resident-a"), "password", PASSWORD, "code", "",
                "_csrf", csrf.group(1));

        RawHttp.Response during;
        try (DatabaseOutage down = DatabaseOutage.begin(environment)) {
            during = http.postForm("/signin", form, cookie(visitor));
        }

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("30");
        assertThat(during.header("Content-Type")).startsWith("text/html");
        assertThat(during.body()).contains("ID-0129").doesNotContain("signin-failed")
                .doesNotContain(usernameOf("resident-a")).doesNotContain(PASSWORD);
        assertThat(during.cookie(COOKIE)).as("no signed-in session").isNull();
        assertThat(onceBack(() -> http.postForm("/signin", form, cookie(visitor)))).as("the same password, database back")
                .isEqualTo(302);
    }

    @Test
    void aSignedInSessionWhileTheDatabaseIsDown_answers503WithRetryAfter_notSignedOut_andWorksOnceItIsBack()
            throws Exception {
        String session = signIn("operator");
        assertThat(http.get("/api/operator/whoami", cookie(session)).status()).isEqualTo(200);

        RawHttp.Response during;
        try (DatabaseOutage down = DatabaseOutage.begin(environment)) {
            during = http.get("/api/operator/whoami", cookie(session));
        }

        assertThat(during.status()).as("the account's status cannot be read: neither let in nor signed out")
                .isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("30");
        assertThat(during.header("Content-Type")).contains("application/problem+json");
        assertThat(onceBack(() -> http.get("/api/operator/whoami", cookie(session)))).as("the same session, database back")
                .isEqualTo(200);
    }

    @Test
    void aSignedInPersonsPageWhileTheDatabaseIsDown_isThe503PageInBothLanguages_notProblemDetails() throws Exception {
        String session = signIn("operator");
        assertThat(http.get("/operator", cookie(session)).status()).isEqualTo(200);

        RawHttp.Response during;
        try (DatabaseOutage down = DatabaseOutage.begin(environment)) {
            during = http.get("/operator", cookie(session));
        }

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("30");
        assertThat(during.header("Content-Type")).startsWith("text/html");
        assertThat(during.body()).contains("nothing was shown or changed").contains("何も表示・変更していません")
                .contains("ID-0136");
        assertThat(onceBack(() -> http.get("/operator", cookie(session)))).isEqualTo(200);
    }

    /**
     * The status a request settles on after the database is back. The pool may still hand out a
     * connection the outage closed, so an answer may be 503 again; any other answer on the way (a
     * 401 above all) fails the test, and so does not settling within the deadline. Polls are
     * further apart than Hikari's 500 ms alive-bypass window, so each borrow validates its
     * connection: H2's "database closed" error (90121) is not one Hikari evicts on by itself, as
     * it does PostgreSQL's connection errors (08xxx).
     */
    private static int onceBack(Callable<RawHttp.Response> request) {
        List<Integer> answers = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(700)).until(() -> {
            answers.add(request.call().status());
            return answers.get(answers.size() - 1) != 503;
        });
        assertThat(answers.subList(0, answers.size() - 1)).as("answers while the database came back")
                .allSatisfy(status -> assertThat(status).isEqualTo(503));
        return answers.get(answers.size() - 1);
    }
}
