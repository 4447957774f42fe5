package org.azukari.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.azukari.identity.api.ClientStatus;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/** SMART Backend Services end to end over HTTP: discovery, token endpoint, bearer access. */
class SmartBackendServicesTest extends RealIdentityWorld {

    @Test
    void discovery_isAnonymous_andNamesTheTokenEndpointAndPrivateKeyJwt() throws Exception {
        RawHttp.Response answer = http.get("/fhir/.well-known/smart-configuration");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"token_endpoint\":\"" + TOKEN_ENDPOINT + "\"")
                .contains("private_key_jwt").contains("ES384").contains("client_credentials");
    }

    @Test
    void signedAssertion_getsAShortLivedToken_thatOpensSystemRoutes() throws Exception {
        RawHttp.Response answer = requestToken(
                assertion(world().emr(), TOKEN_ENDPOINT, Instant.now().plusSeconds(120)), "system/Observation.rs");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).contains("no-store");
        assertThat(answer.body()).contains("\"token_type\":\"bearer\"").contains("\"scope\":\"system/Observation.rs\"");
        String token = accessToken(world().emr(), "system/Observation.rs");
        assertThat(http.get("/api/system/ping", bearer(token)).status()).isEqualTo(200);
        assertThat(http.get("/api/system/ping").status()).isEqualTo(401);
    }

    @Test
    void replayedAssertion_isRefusedAsInvalidClient() throws Exception {
        String assertion = assertion(world().feed(), TOKEN_ENDPOINT, Instant.now().plusSeconds(120));
        assertThat(requestToken(assertion, "system/Bundle.c").status()).isEqualTo(200);

        RawHttp.Response replay = requestToken(assertion, "system/Bundle.c");

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.body()).contains("\"error\":\"invalid_client\"").doesNotContain(assertion);
        assertThat(replay.header("WWW-Authenticate")).isNotNull();
    }

    @Test
    void assertionForAnotherAudience_orExpired_isRefused() throws Exception {
        assertThat(requestToken(assertion(world().feed(), "https://elsewhere.example/token",
                Instant.now().plusSeconds(120)), "system/Bundle.c").status()).isEqualTo(401);
        assertThat(requestToken(assertion(world().feed(), TOKEN_ENDPOINT, Instant.now().minusSeconds(120)),
                "system/Bundle.c").status()).isEqualTo(401);
    }

    @Test
    void scopeTheClientWasNeverAllowed_isInvalidScope() throws Exception {
        RawHttp.Response answer = requestToken(
                assertion(world().feed(), TOKEN_ENDPOINT, Instant.now().plusSeconds(120)), "system/Observation.rs");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"error\":\"invalid_scope\"");
    }

    @Test
    void malformedRequests_getOAuthErrorsNotPages() throws Exception {
        assertThat(http.postForm("/oauth/token", form("grant_type", "password")).body())
                .contains("\"error\":\"");
        assertThat(http.postForm("/oauth/token", "grant_type=client_credentials&grant_type=client_credentials")
                .status()).isEqualTo(400);
        RawHttp.Response json = http.send("POST", "/oauth/token", "application/json", "{\"grant_type\":\"x\"}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("invalid_request");
    }

    @Test
    void tokenOfADeactivatedClient_stopsWorkingAtOnce() throws Exception {
        String token = accessToken(world().wellnessApp(), "system/Group.r");
        assertThat(http.get("/api/system/ping", bearer(token)).status()).isEqualTo(200);

        organisations.setClientStatus(world().wellnessApp().id(), ClientStatus.INACTIVE);
        try {
            assertThat(http.get("/api/system/ping", bearer(token)).status()).isEqualTo(401);
        } finally {
            organisations.setClientStatus(world().wellnessApp().id(), ClientStatus.ACTIVE);
        }
    }
}
