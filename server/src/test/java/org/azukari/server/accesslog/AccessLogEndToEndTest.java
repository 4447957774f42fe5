package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The access log as residents and auditors meet it: their sign-ins and refusals are in the
 * hash-chained log, a resident sees what concerns them (never their internal id), an auditor
 * searches everything and verifies the chain.
 */
class AccessLogEndToEndTest extends RealIdentityWorld {

    @Test
    void aResidentsSignIn_isInTheirOwnAccessLog_andNotInAnotherResidents() throws Exception {
        String mine = signIn("resident-a");
        signIn("resident-b");

        String entries = http.get("/portal/access-log", cookie(mine)).body();

        assertThat(entries).contains("\"action\":\"SIGN_IN\"").contains("\"decision\":\"PERMIT\"")
                .doesNotContain(world().people().get("resident-a").resident().orElseThrow().toString())
                .doesNotContain(world().people().get("resident-b").account().toString());
    }

    @Test
    void theResidentsFhirView_isABundleOfAuditEvents_withoutTheirInternalId() throws Exception {
        String session = signIn("e-resident");

        RawHttp.Response bundle = http.get("/portal/fhir/AuditEvent", cookie(session));

        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body()).contains("\"resourceType\":\"Bundle\"").contains("\"resourceType\":\"AuditEvent\"")
                .doesNotContain(world().people().get("e-resident").resident().orElseThrow().toString());
    }

    @Test
    void aFailedSignIn_isADenialTheAuditorCanFind() throws Exception {
        RawHttp.Response page = http.get("/signin");
        String visitor = page.cookie(COOKIE);
        String csrf = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        http.postForm("/signin", form("username", usernameOf("practitioner"), "password", "not the password at all",
                "code", "", "_csrf", csrf), cookie(visitor));
        String auditor = signIn("auditor");

        String denials = http.get("/api/audit/entries?decision=DENY", cookie(auditor)).body();

        assertThat(denials).contains("SIGN_IN_FAILED").contains(world().people().get("practitioner").account().toString())
                .doesNotContain("not the password at all");
    }

    @Test
    void auditor_verifiesTheChain_andSeesItIntact() throws Exception {
        String auditor = signIn("auditor");

        RawHttp.Response verdict = http.get("/api/audit/verify", cookie(auditor));

        assertThat(verdict.status()).isEqualTo(200);
        assertThat(verdict.body()).contains("\"intact\":true");
    }

    @Test
    void onlyAuditors_readOrVerifyTheWholeLog() throws Exception {
        for (String who : new String[] {"resident-a", "practitioner", "operator"}) {
            String session = signIn(who);
            assertThat(http.get("/api/audit/verify", cookie(session)).status()).as(who).isEqualTo(403);
            assertThat(http.get("/api/audit/entries", cookie(session)).status()).as(who).isEqualTo(403);
        }
        assertThat(http.get("/api/audit/entries").status()).isEqualTo(401);
    }

    @Test
    void badSearchParameters_areProblemDetails() throws Exception {
        String auditor = signIn("auditor");

        RawHttp.Response badResident = http.get("/api/audit/entries?resident=not-a-uuid", cookie(auditor));
        RawHttp.Response badLimit = http.get("/api/audit/entries?limit=100000", cookie(auditor));
        RawHttp.Response badDecision = http.get("/api/audit/entries?decision=MAYBE", cookie(auditor));

        assertThat(badResident.status()).isEqualTo(400);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badDecision.status()).isEqualTo(400);
        assertThat(badResident.body()).contains("\"code\"").doesNotContain("not-a-uuid");
    }
}
