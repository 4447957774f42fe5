package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.identity.api.PersonAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * A compromised client or account is cut off by the operator at once: a disabled client's live
 * access token is refused at its next request (401 {@code invalid_token}), and a disabled account's
 * live session stops working at its next request (the page sends it to sign in, the API answers
 * 401) and it cannot sign in again until an operator enables it. Over HTTP, through the operator API.
 */
class DisablingRevokesAtOnceTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private String operator;
    private String csrf;

    @BeforeEach
    void signInAsOperator() throws Exception {
        operator = signIn("operator");
        csrf = csrfOf(operator, "/api/operator/whoami");
    }

    private RawHttp.Response put(String path, String json) throws IOException {
        return http.send("PUT", path, "application/json", json, cookie(operator), "X-CSRF-Token: " + csrf);
    }

    private RawHttp.Response signInRaw(String username) throws IOException {
        RawHttp.Response page = http.get("/signin");
        Matcher field = CSRF_FIELD.matcher(page.body());
        assertThat(field.find()).isTrue();
        return http.postForm("/signin", form("username", username, "password", PASSWORD, "code", "",
                "_csrf", field.group(1)), cookie(page.cookie(COOKIE)));
    }

    @Test
    void disablingAClient_throughTheOperatorApi_refusesItsLiveTokenAtTheNextRequest_asInvalidToken() throws Exception {
        SystemClient emr = registerClinicEmr("cut-emr-" + UUID.randomUUID().toString().substring(0, 8), world().clinic());
        String token = accessToken(emr, "system/*.rs");
        RawHttp.Response before = http.get("/fhir/Observation", bearer(token), "X-Azukari-Purpose: treatment");
        assertThat(before.status()).as(before.body()).isNotEqualTo(401);

        RawHttp.Response disabled = put("/api/operator/clients/" + emr.id().value() + "/status", "{\"status\":\"INACTIVE\"}");

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(204);
        RawHttp.Response after = http.get("/fhir/Observation", bearer(token), "X-Azukari-Purpose: treatment");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).contains("Bearer").contains("error=\"invalid_token\"");
        assertThat(after.body()).contains("OperationOutcome");
        RawHttp.Response system = http.get("/api/system/ping", bearer(token));
        assertThat(system.status()).isEqualTo(401);
        assertThat(system.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        RawHttp.Response newToken = requestToken(assertion(emr, TOKEN_ENDPOINT, java.time.Instant.now().plusSeconds(60)),
                "system/*.rs");
        assertThat(newToken.status()).isEqualTo(401);
        assertThat(newToken.body()).contains("invalid_client");
    }

    @Test
    void disablingAResidentsAccount_endsTheirLiveSessionAtTheNextRequest_andSignInIsRefusedUntilEnabled()
            throws Exception {
        String username = "cut-res-" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount resident = registerResident(username);
        String session = signInAs(username, "resident");
        assertThat(http.get("/portal", cookie(session)).status()).isEqualTo(200);

        RawHttp.Response disabled = put("/api/operator/accounts/" + resident.account() + "/status",
                "{\"status\":\"DISABLED\"}");

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.body()).contains("\"status\":\"DISABLED\"").doesNotContain(resident.resident().orElseThrow()
                .toString());
        RawHttp.Response page = http.get("/portal", cookie(session));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/signin");
        assertThat(http.get("/portal/access-log", cookie(session)).status()).isEqualTo(302);
        assertThat(signInRaw(username).status()).isEqualTo(401);

        RawHttp.Response enabled = put("/api/operator/accounts/" + resident.account() + "/status",
                "{\"status\":\"ACTIVE\"}");

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(http.get("/portal", cookie(session)).status()).as("the old session stays ended").isEqualTo(302);
        RawHttp.Response again = signInRaw(username);
        assertThat(again.status()).isEqualTo(302);
        assertThat(http.get("/portal", cookie(again.cookie(COOKIE))).status()).isEqualTo(200);
    }

    @Test
    void disablingAnAuditorsAccount_endsTheirApiSession_with401() throws Exception {
        String auditor = signIn("auditor");
        assertThat(http.get("/api/audit/whoami", cookie(auditor)).status()).isEqualTo(200);
        PersonAccount account = world().people().get("auditor");

        assertThat(put("/api/operator/accounts/" + account.account() + "/status", "{\"status\":\"DISABLED\"}").status())
                .isEqualTo(200);
        try {
            assertThat(http.get("/api/audit/whoami", cookie(auditor)).status()).isEqualTo(401);
            assertThat(http.get("/api/audit/entries", cookie(auditor)).status()).isEqualTo(401);
        } finally {
            assertThat(put("/api/operator/accounts/" + account.account() + "/status", "{\"status\":\"ACTIVE\"}")
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void anOperator_cannotDisableTheirOwnAccount_andUnknownOrMalformedAccountsAreRefused() throws Exception {
        PersonAccount self = world().people().get("operator");

        RawHttp.Response own = put("/api/operator/accounts/" + self.account() + "/status", "{\"status\":\"DISABLED\"}");
        RawHttp.Response unknown = put("/api/operator/accounts/" + UUID.randomUUID() + "/status",
                "{\"status\":\"DISABLED\"}");
        RawHttp.Response malformed = put("/api/operator/accounts/not-an-id/status", "{\"status\":\"DISABLED\"}");
        RawHttp.Response badStatus = put("/api/operator/accounts/" + self.account() + "/status", "{\"status\":\"GONE\"}");

        assertThat(own.status()).isEqualTo(409);
        assertThat(own.body()).contains("\"code\":\"OP-0021\"");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).as("a malformed account id is no account, as elsewhere in the API").isEqualTo(404);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(http.get("/api/operator/whoami", cookie(operator)).status()).isEqualTo(200);
    }

    @Test
    void withoutTheCsrfToken_orAsAnAuditor_noAccountIsDisabled() throws Exception {
        PersonAccount resident = world().people().get("resident-b");
        String auditor = signIn("auditor");
        String auditorCsrf = csrfOf(auditor, "/api/audit/whoami");

        RawHttp.Response noCsrf = http.send("PUT", "/api/operator/accounts/" + resident.account() + "/status",
                "application/json", "{\"status\":\"DISABLED\"}", cookie(operator));
        RawHttp.Response asAuditor = http.send("PUT", "/api/operator/accounts/" + resident.account() + "/status",
                "application/json", "{\"status\":\"DISABLED\"}", cookie(auditor), "X-CSRF-Token: " + auditorCsrf);

        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(asAuditor.status()).isEqualTo(403);
        assertThat(http.get("/portal", cookie(signIn("resident-b"))).status()).isEqualTo(200);
    }
}
