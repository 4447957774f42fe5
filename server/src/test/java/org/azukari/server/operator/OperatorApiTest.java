package org.azukari.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.UUID;
import org.azukari.identity.api.OrganisationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/** The operator API over HTTP, as an operator's script would use it: session, CSRF token, JSON. */
class OperatorApiTest extends RealIdentityWorld {

    private String session;
    private String csrf;

    @BeforeEach
    void signInAsOperator() throws Exception {
        session = signIn("operator");
        csrf = csrfOf(session, "/api/operator/whoami");
    }

    private RawHttp.Response post(String path, String json) throws Exception {
        return http.send("POST", path, "application/json", json, cookie(session), "X-CSRF-Token: " + csrf);
    }

    @Test
    void operator_registersAnOrganisationAndItsClient_andSeesThemListed() throws Exception {
        String id = "org-" + UUID.randomUUID().toString().substring(0, 8);
        RawHttp.Response organisation = post("/api/operator/organisations",
                "{\"id\":\"" + id + "\",\"kind\":\"CLINIC\",\"displayName\":\"みどり診療所\",\"purposes\":[\"treatment\"],"
                        + "\"assessment\":" + Assessed.JSON + "}");
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").algorithm(JWSAlgorithm.ES384).generate();
        RawHttp.Response client = post("/api/operator/organisations/" + id + "/clients",
                "{\"clientId\":\"" + id + "-emr\",\"kind\":\"CLINIC_EMR\",\"scopes\":[\"system/Observation.rs\"],"
                        + "\"jwks\":" + new JWKSet(key.toPublicJWK()) + "}");

        assertThat(organisation.status()).as(organisation.body()).isEqualTo(201);
        assertThat(client.status()).as(client.body()).isEqualTo(201);
        assertThat(client.body()).contains("\"status\":\"ACTIVE\"");
        assertThat(http.get("/api/operator/organisations", cookie(session)).body()).contains(id);
        assertThat(organisations.findOrganisation(new OrganisationId(id))).isPresent();
    }

    @Test
    void operator_registersAResident_andTheAnswerCarriesNoPasswordAndNoResidentId() throws Exception {
        RawHttp.Response answer = post("/api/operator/residents", "{\"username\":\"new-" + world().suffix()
                + "\",\"initialPassword\":\"" + PASSWORD + "\",\"eResident\":true,\"assurance\":\"SUBSTANTIAL\","
                + "\"proofing\":\"MY_NUMBER_CARD_PUBLIC_AUTHENTICATION\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("\"kind\":\"E_RESIDENT\"").doesNotContain(PASSWORD).doesNotContain("resident\":");
    }

    @Test
    void aPrivateKeyPastedAsJwks_isRefused_andNotEchoed() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").algorithm(JWSAlgorithm.ES384).generate();
        String privateD = key.getD().toString();

        RawHttp.Response answer = post("/api/operator/organisations/" + world().clinic() + "/clients",
                "{\"clientId\":\"leak-" + world().suffix() + "\",\"kind\":\"CLINIC_EMR\",\"scopes\":[\"system/Observation.rs\"],"
                        + "\"jwks\":" + new JWKSet(key).toString(false) + "}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
        assertThat(answer.body()).doesNotContain(privateD);
    }

    @Test
    void badInput_getsProblemDetailsWithACode_andChangesNothing() throws Exception {
        int before = organisations.organisations().size();

        RawHttp.Response unknownKind = post("/api/operator/organisations",
                "{\"id\":\"x-1\",\"kind\":\"SPACESHIP\",\"displayName\":\"x\",\"purposes\":[]}");
        RawHttp.Response notJson = post("/api/operator/organisations", "{not json");
        RawHttp.Response badId = post("/api/operator/organisations",
                "{\"id\":\"Bad Id!\",\"kind\":\"CLINIC\",\"displayName\":\"x\",\"purposes\":[\"treatment\"]}");
        RawHttp.Response unknownPurpose = post("/api/operator/organisations",
                "{\"id\":\"x-2\",\"kind\":\"CLINIC\",\"displayName\":\"x\",\"purposes\":[\"marketing\"],"
                        + "\"assessment\":" + Assessed.JSON + "}");
        RawHttp.Response myNumber = post("/api/operator/residents", "{\"username\":\"123456789012\",\"initialPassword\":\""
                + PASSWORD + "\",\"eResident\":false,\"assurance\":\"HIGH\",\"proofing\":\"IN_PERSON_AT_CITY_OFFICE\"}");

        for (RawHttp.Response answer : new RawHttp.Response[] {unknownKind, notJson, badId, unknownPurpose, myNumber}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("\"code\":").doesNotContain("Bad Id!").doesNotContain("123456789012");
        }
        assertThat(organisations.organisations()).hasSize(before);
    }

    @Test
    void theEmergencyAccessQueue_askedForReviewedOnes_answersOP0006_apartFromAMalformedParameterOP0004() throws Exception {
        RawHttp.Response reviewed = http.get("/api/operator/emergency-accesses?unreviewed=false", cookie(session));
        RawHttp.Response malformed = http.get("/api/operator/emergency-accesses?unreviewed=maybe", cookie(session));

        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(400);
        assertThat(reviewed.body()).contains("\"code\":\"OP-0006\"");
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"code\":\"OP-0004\"");
    }

    @Test
    void withoutTheCsrfToken_nothingIsRegistered() throws Exception {
        String id = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        RawHttp.Response answer = http.send("POST", "/api/operator/organisations", "application/json",
                "{\"id\":\"" + id + "\",\"kind\":\"CLINIC\",\"displayName\":\"x\",\"purposes\":[\"treatment\"]}",
                cookie(session));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(organisations.findOrganisation(new OrganisationId(id))).isEmpty();
    }

    @Test
    void openApiDescription_listsTheOperatorOperations_forOperatorsOnly() throws Exception {
        RawHttp.Response description = http.get("/api/operator/openapi", cookie(session));

        assertThat(description.status()).isEqualTo(200);
        assertThat(description.body()).contains("\"openapi\"").contains("/api/operator/organisations")
                .contains("/api/operator/residents/{account}/enrolment-links").doesNotContain("/oauth/token");
        assertThat(http.get("/api/operator/openapi").status()).isEqualTo(401);
        assertThat(http.get("/api/operator/openapi", cookie(signIn("resident-a"))).status()).isEqualTo(403);
    }
}
