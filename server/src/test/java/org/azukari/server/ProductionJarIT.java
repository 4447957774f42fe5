package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.identity.api.ClientId;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.ProductionJar;
import org.azukari.server.release.FhirReleaseTest;

/**
 * The production configuration used exactly as docs/production.md says, on the packaged jar
 * ({@link ProductionJar}): the first operator registered with the operator command, a hospital, a
 * clinic, their SMART clients and a resident set up through the operator API over HTTP, one ingest
 * by the hospital's feed, one release to the clinic under the resident's consent with a signed
 * receipt, and {@code audit verify} through the same jar and file. A schema and an index prefix of
 * its own, so no other test's data is touched.
 */
class ProductionJarIT {

    static final PostgresDatabase DATABASE = new PostgresDatabase();
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern CSRF_JSON = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ACCOUNT = Pattern.compile("\"account\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final String COOKIE = "__Host-azukari-session";
    static final String PASSWORD = "a long production password 7";

    @AfterAll
    static void dropSchema() {
        DATABASE.close();
    }

    record Session(String cookie, String csrf) {
    }

    @Test
    void theReadmesProductionCommand_startsTheJar_andIngestReleaseAndAuditVerifyWork() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (ProductionJar bank = new ProductionJar(DATABASE, "prodjar")) {
            ProductionJar.Run operatorRegistered = bank.command(Map.of("AZUKARI_INITIAL_PASSWORD", PASSWORD),
                    "operator", "register-operator", "username=ops-" + suffix);
            assertThat(operatorRegistered.exitCode()).as(operatorRegistered.output()).isZero();

            bank.start();
            RawHttp http = new RawHttp(bank.port());
            Session operator = signIn(http, "ops-" + suffix, "/operator");
            operator = new Session(operator.cookie(), csrf(http.get("/api/operator/whoami", cookie(operator)), CSRF_JSON));
            String hospital = "prodhosp-" + suffix;
            String clinic = "prodclin-" + suffix;
            ECKey feedKey = new ECKeyGenerator(Curve.P_384).keyID("feed-k1").algorithm(JWSAlgorithm.ES384).generate();
            ECKey emrKey = new ECKeyGenerator(Curve.P_384).keyID("emr-k1").algorithm(JWSAlgorithm.ES384).generate();
            created(http, operator, "/api/operator/organisations", "{\"id\":\"" + hospital
                    + "\",\"kind\":\"HOSPITAL\",\"displayName\":\"Production Hospital\",\"purposes\":[\"treatment\"]}");
            created(http, operator, "/api/operator/organisations", "{\"id\":\"" + clinic
                    + "\",\"kind\":\"CLINIC\",\"displayName\":\"Production Clinic\",\"purposes\":[\"treatment\"],"
                    + "\"assessment\":" + Assessed.JSON + "}");
            created(http, operator, "/api/operator/organisations/" + hospital + "/clients", "{\"clientId\":\"feed-"
                    + suffix + "\",\"kind\":\"SOURCE_FEED\",\"scopes\":[\"system/*.cu\"],\"jwks\":"
                    + new JWKSet(feedKey.toPublicJWK()) + "}");
            created(http, operator, "/api/operator/organisations/" + clinic + "/clients", "{\"clientId\":\"emr-"
                    + suffix + "\",\"kind\":\"CLINIC_EMR\",\"scopes\":[\"system/*.rs\"],\"jwks\":"
                    + new JWKSet(emrKey.toPublicJWK()) + "}");
            Matcher account = ACCOUNT.matcher(created(http, operator, "/api/operator/residents", "{\"username\":\"res-"
                    + suffix + "\",\"initialPassword\":\"" + PASSWORD + "\",\"eResident\":false,\"assurance\":\"HIGH\","
                    + "\"proofing\":\"IN_PERSON_AT_CITY_OFFICE\"}"));
            assertThat(account.find()).isTrue();
            String mrn = "MRN-" + suffix;
            RawHttp.Response linked = send(http, operator, "/api/operator/residents/" + account.group(1)
                    + "/enrolment-links", "{\"source\":\"" + hospital + "\",\"system\":\"" + FhirReleaseTest.MRN_SYSTEM
                    + "\",\"value\":\"" + mrn + "\"}");
            assertThat(linked.status()).as(linked.body()).isEqualTo(204);

            RealIdentityWorld.SystemClient feed = new RealIdentityWorld.SystemClient(new ClientId("feed-" + suffix), feedKey);
            RawHttp.Response ingested = http.send("POST", "/fhir", "application/fhir+json",
                    FhirReleaseTest.bundleFor(mrn, "src" + suffix), bearer(token(http, bank, feed, "system/*.cu")));
            assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
            assertThat(ingested.body()).doesNotContain("\"status\":\"4");

            Session resident = signIn(http, "res-" + suffix, "/portal");
            resident = new Session(resident.cookie(), csrf(http.get("/portal", cookie(resident)), CSRF_FIELD));
            RawHttp.Response consented = send(http, resident, "/portal/api/consents", "{\"recipient\":\"" + clinic
                    + "\",\"purpose\":\"treatment\",\"categories\":[\"MEDICAL/laboratory\"],\"language\":\"ja\","
                    + "\"textVersion\":\"consent-question-1\"}");
            assertThat(consented.status()).as(consented.body()).isEqualTo(201);
            RawHttp.Response shareCode = send(http, resident, "/portal/api/share-codes", "{}");
            assertThat(shareCode.status()).as(shareCode.body()).isEqualTo(200);
            Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(shareCode.body());
            assertThat(code.find()).isTrue();

            RealIdentityWorld.SystemClient emr = new RealIdentityWorld.SystemClient(new ClientId("emr-" + suffix), emrKey);
            String emrToken = token(http, bank, emr, "system/*.rs");
            RawHttp.Response exchanged = http.send("POST", "/fhir/Patient/$exchange-share-code", "application/fhir+json",
                    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\""
                            + code.group(1) + "\"}]}", bearer(emrToken), "X-Azukari-Purpose: treatment");
            assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
            Matcher pseudonym = Pattern.compile("\"id\"\\s*:\\s*\"([a-z2-7]{26})\"").matcher(exchanged.body());
            assertThat(pseudonym.find()).isTrue();
            RawHttp.Response released = http.get("/fhir/Observation?patient=" + pseudonym.group(1), bearer(emrToken),
                    "X-Azukari-Purpose: treatment");

            assertThat(released.status()).as(released.body()).isEqualTo(200);
            assertThat(released.body()).contains("2345-7").doesNotContain("8867-4").doesNotContain(mrn)
                    .doesNotContain("Yamada");
            byte[] receipt = Base64.getUrlDecoder().decode(released.header("X-Azukari-Receipt"));
            String signature = released.header("X-Azukari-Receipt-Signature");
            assertThat(signature).startsWith("vault:v");
            assertThat(FhirReleaseTest.verifiesWithPublishedKeys(http, receipt, signature)).isTrue();
            assertThat(new String(receipt, StandardCharsets.UTF_8)).contains("\"recipient\":\"" + clinic + "\"")
                    .contains("MEDICAL/laboratory");

            ProductionJar.Run verified = bank.command(Map.of(), "audit", "verify");
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            assertThat(verified.output()).contains("intact:").contains("checkpoints checked")
                    .doesNotContain(" 0 entries");
        }
    }

    static String cookie(Session session) {
        return "Cookie: " + COOKIE + "=" + session.cookie();
    }

    static String bearer(String token) {
        return "Authorization: Bearer " + token;
    }

    static String csrf(RawHttp.Response page, Pattern pattern) {
        Matcher m = pattern.matcher(page.body());
        assertThat(m.find()).as(page.status() + " " + page.body()).isTrue();
        return m.group(1);
    }

    /** Signs a person in through the form, as a browser would; answers their new session. */
    static Session signIn(RawHttp http, String username, String landing) throws Exception {
        RawHttp.Response page = http.get("/signin");
        String visitor = page.cookie(COOKIE);
        assertThat(visitor).as("the production profile's __Host- cookie").isNotNull();
        RawHttp.Response answer = http.postForm("/signin", RealIdentityWorld.form("username", username,
                "password", PASSWORD, "code", "", "_csrf", csrf(page, CSRF_FIELD)), "Cookie: " + COOKIE + "=" + visitor);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith(landing);
        assertThat(answer.setCookieLine(COOKIE)).contains("Secure").contains("HttpOnly");
        return new Session(answer.cookie(COOKIE), null);
    }

    static RawHttp.Response send(RawHttp http, Session session, String path, String json) throws Exception {
        return http.send("POST", path, "application/json", json, cookie(session), "X-CSRF-Token: " + session.csrf());
    }

    static String created(RawHttp http, Session operator, String path, String json) throws Exception {
        RawHttp.Response answer = send(http, operator, path, json);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(201);
        return answer.body();
    }

    /** A SMART backend access token, the assertion addressed to the public URL's token endpoint. */
    static String token(RawHttp http, ProductionJar bank, RealIdentityWorld.SystemClient client, String scope)
            throws Exception {
        String assertion = RealIdentityWorld.assertion(client, bank.publicUrl() + "/oauth/token",
                Instant.now().plusSeconds(120));
        RawHttp.Response answer = http.postForm("/oauth/token", RealIdentityWorld.form("grant_type", "client_credentials",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion, "scope", scope));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
