package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/** The HAPI FHIR server at /fhir behind the edge: anonymous CapabilityStatement, everything else by token. */
class FhirServerTest extends RealIdentityWorld {

    @Test
    void metadata_isAnonymous_R4_andNamesTheTokenEndpoint_inJsonAndXml() throws Exception {
        RawHttp.Response json = http.get("/fhir/metadata");
        RawHttp.Response xml = http.get("/fhir/metadata?_format=xml");
        RawHttp.Response accept = http.get("/fhir/metadata", "Accept: application/fhir+xml");

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).contains("application/fhir+json");
        assertThat(json.body()).contains("\"resourceType\":\"CapabilityStatement\"").contains("\"fhirVersion\":\"4.0.1\"")
                .contains("SMART-on-FHIR").contains(TOKEN_ENDPOINT);
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.body()).contains("<CapabilityStatement");
        assertThat(accept.body()).contains("<CapabilityStatement");
    }

    @Test
    void smartDiscovery_stillAnswersBesideTheFhirServer() throws Exception {
        RawHttp.Response answer = http.get("/fhir/.well-known/smart-configuration");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"token_endpoint\":\"" + TOKEN_ENDPOINT + "\"");
    }

    @Test
    void aResourceTypeTheServerDoesNotServe_isAClear4xxOperationOutcome_notA500() throws Exception {
        String token = accessToken(world().emr(), "system/Observation.rs");

        RawHttp.Response answer = http.get("/fhir/Observation", bearer(token));

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"");
    }

    @Test
    void withoutAToken_theFhirServerIsNeverReached() throws Exception {
        RawHttp.Response answer = http.get("/fhir/Observation");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"");
    }
}
