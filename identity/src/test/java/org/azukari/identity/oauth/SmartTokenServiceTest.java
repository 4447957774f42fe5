package org.azukari.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientStatus;
import org.azukari.identity.api.OAuthError;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.TokenRequest;
import org.azukari.identity.api.TokenResponse;
import org.azukari.identity.registry.Keys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class SmartTokenServiceTest {

    private static final String CLIENT = "kaga-emr";
    private static final String SCOPE = "system/Observation.rs";

    @TempDir
    Path dir;
    private OAuthBed bed;
    private RSAKey key;

    @BeforeEach
    void setUp() {
        bed = new OAuthBed(dir);
        bed.organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment");
        key = Keys.rsa("emr-key-1");
        bed.client(CLIENT, "kaga-clinic", PrincipalKind.CLINIC_EMR, key, "system/Observation.rs", "system/Patient.rs");
    }

    private TokenResponse ask(String assertion) {
        return bed.tokens.token(OAuthBed.request(assertion, SCOPE));
    }

    /** Refused with {@code error}, recorded with {@code reason}, and nothing of the assertion anywhere. */
    private void assertRefused(TokenResponse response, OAuthError error, String reason, String assertion) {
        assertThat(response).isInstanceOf(TokenResponse.Refused.class);
        assertThat(((TokenResponse.Refused) response).error()).isEqualTo(error);
        assertThat(response.httpStatus()).isEqualTo(error.httpStatus());
        SecurityEvent event = bed.events.last();
        assertThat(event.type()).isEqualTo(SecurityEvent.Type.TOKEN_REFUSED);
        assertThat(event.reasonCode()).isEqualTo(reason);
        if (assertion != null) {
            assertThat(response.toString() + response.body() + event).doesNotContain(assertion)
                    .doesNotContain(assertion.substring(assertion.lastIndexOf('.') + 1));
        }
    }

    private void assertInvalidClient(String assertion, String reason) {
        assertRefused(ask(assertion), OAuthError.INVALID_CLIENT, reason, assertion);
        assertThat(bed.events.last().subject()).isIn("unknown", CLIENT);
    }

    @Test
    void token_withValidRs384Assertion_issuesShortLivedTokenForGrantedScope() {
        TokenResponse response = ask(OAuthBed.sign(key, bed.claims(CLIENT).build()));

        assertThat(response).isInstanceOf(TokenResponse.Issued.class);
        TokenResponse.Issued issued = (TokenResponse.Issued) response;
        assertThat(issued.expiresIn()).isPositive().isLessThanOrEqualTo(300);
        assertThat(issued.body()).containsEntry("token_type", "bearer").containsEntry("scope", SCOPE)
                .containsKey("access_token");
        assertThat(issued.toString()).doesNotContain(issued.accessToken());
        SecurityEvent event = bed.events.last();
        assertThat(event.type()).isEqualTo(SecurityEvent.Type.TOKEN_ISSUED);
        assertThat(event.subject()).isEqualTo(CLIENT);
        assertThat(event.organisation()).contains(new OrganisationId("kaga-clinic"));
        assertThat(event.toString()).doesNotContain(issued.accessToken());
    }

    @Test
    void token_whileTheDatabaseIsDown_isUnavailable_notInvalidClient_andTheAssertionStaysUsable() throws Exception {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());
        int eventsBefore = bed.events.all().size();

        TokenResponse during;
        try (AutoCloseable down = bed.databaseDown()) {
            during = ask(assertion);
        }

        assertThat(during).isInstanceOf(TokenResponse.Unavailable.class);
        assertThat(during.httpStatus()).isEqualTo(503);
        assertThat(during.body()).containsEntry("error", "temporarily_unavailable");
        assertThat(during.body().toString()).doesNotContain(assertion);
        assertThat(bed.events.all()).hasSize(eventsBefore);
        assertThat(ask(assertion)).isInstanceOf(TokenResponse.Issued.class);
    }

    @Test
    void token_withValidEs384Assertion_issues() {
        ECKey ec = Keys.ec384();
        bed.organisation("step-up", OrganisationKind.WELLNESS_SERVICE, "health-advice");
        bed.client("step-up-app", "step-up", PrincipalKind.WELLNESS_SERVICE, ec, "system/Observation.rs");

        assertThat(bed.issue(ec, "step-up-app", SCOPE).scope().text()).isEqualTo(SCOPE);
    }

    @Test
    void token_withExpiredAssertion_isInvalidClient() {
        bed.clock.advance(Duration.ofMinutes(5));
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT)
                .expirationTime(Date.from(bed.clock.instant().minus(Duration.ofMinutes(1)))).build());

        assertInvalidClient(assertion, "ID-0260");
    }

    @Test
    void token_withoutExp_isInvalidClient() {
        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT).expirationTime(null).build()), "ID-0260");
    }

    @Test
    void token_withExpTooFarAhead_isInvalidClient() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT)
                .expirationTime(Date.from(bed.clock.instant().plus(Duration.ofMinutes(6)))).build());

        assertInvalidClient(assertion, "ID-0261");
    }

    @Test
    void token_withIssuedAtInTheFuture_isInvalidClient() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT)
                .issueTime(Date.from(bed.clock.instant().plus(Duration.ofMinutes(2)))).build());

        assertInvalidClient(assertion, "ID-0267");
    }

    @Test
    void token_withWrongOrExtraAudience_isInvalidClient() {
        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT).audience("https://other.example/oauth/token").build()),
                "ID-0259");
        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT)
                .audience(List.of(OAuthBed.TOKEN_ENDPOINT, "https://other.example")).build()), "ID-0259");
        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT).audience((String) null).build()), "ID-0259");
    }

    @Test
    void token_withIssuerNotSubject_isInvalidClient() {
        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT).subject("other-client").build()), "ID-0266");
        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT).issuer(null).build()), "ID-0266");
    }

    @Test
    void token_fromUnknownClient_isInvalidClientLikeAnyOther() {
        RSAKey stranger = Keys.rsa("emr-key-1");
        TokenResponse unknown = ask(OAuthBed.sign(stranger, bed.claims("nobody-here").build()));
        assertRefused(unknown, OAuthError.INVALID_CLIENT, "ID-0256", null);
        assertThat(bed.events.last().subject()).isEqualTo("unknown");
        TokenResponse badSignature = ask(OAuthBed.sign(stranger, bed.claims(CLIENT).build()));

        assertThat(unknown.body()).isEqualTo(badSignature.body());
        assertThat(unknown.body().toString()).doesNotContain("nobody-here");
    }

    @Test
    void token_fromInactiveClient_isInvalidClient() {
        bed.registry.setClientStatus(new ClientId(CLIENT), ClientStatus.INACTIVE);

        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT).build()), "ID-0256");
    }

    @Test
    void token_withUnknownKid_isInvalidClient() {
        RSAKey sameKeyOtherKid = new RSAKey.Builder(key).keyID("emr-key-2").build();

        assertInvalidClient(OAuthBed.sign(sameKeyOtherKid, bed.claims(CLIENT).build()), "ID-0257");
    }

    @Test
    void token_signedByAnotherKeyUnderTheRegisteredKid_isInvalidClient() {
        assertInvalidClient(OAuthBed.sign(Keys.rsa("emr-key-1"), bed.claims(CLIENT).build()), "ID-0258");
    }

    @Test
    void token_signedEs384AgainstAnRsaKid_isInvalidClient() {
        ECKey ec = new ECKey.Builder(Keys.ec384()).keyID("emr-key-1").build();

        assertInvalidClient(OAuthBed.sign(ec, bed.claims(CLIENT).build()), "ID-0258");
    }

    @Test
    void token_withAlgNone_isInvalidClient() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"emr-key-1\"}").toString();
        String payload = Base64URL.encode(bed.claims(CLIENT).build().toString()).toString();

        assertRefused(ask(header + "." + payload + "."), OAuthError.INVALID_CLIENT, "ID-0254", null);
    }

    @Test
    void token_withHs256UsingThePublicKeyAsSecret_isInvalidClient() throws Exception {
        byte[] secret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("emr-key-1").build(),
                bed.claims(CLIENT).build());
        jwt.sign(new MACSigner(secret));

        assertInvalidClient(jwt.serialize(), "ID-0255");
    }

    @Test
    void token_withRs256InsteadOfRs384_isInvalidClient() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("emr-key-1").build(),
                bed.claims(CLIENT).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));

        assertInvalidClient(jwt.serialize(), "ID-0255");
    }

    @Test
    void token_withReplayedJti_isInvalidClient() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());
        assertThat(ask(assertion)).isInstanceOf(TokenResponse.Issued.class);

        assertInvalidClient(assertion, "ID-0263");
    }

    @Test
    void token_withJtiReplayedToAnotherInstanceOnTheSameDatabase_isInvalidClient() {
        JWTClaimsSet claims = bed.claims(CLIENT).jwtID("once-only").build();
        assertThat(ask(OAuthBed.sign(key, claims))).isInstanceOf(TokenResponse.Issued.class);

        TokenResponse again = bed.newTokenService().token(OAuthBed.request(OAuthBed.sign(key, claims), SCOPE));

        assertRefused(again, OAuthError.INVALID_CLIENT, "ID-0263", null);
    }

    @Test
    void token_withoutJti_isInvalidClient() {
        assertInvalidClient(OAuthBed.sign(key, bed.claims(CLIENT).jwtID(null).build()), "ID-0262");
    }

    @Test
    void token_refusedForScope_doesNotSpendTheJti() {
        JWTClaimsSet claims = bed.claims(CLIENT).build();
        assertRefused(bed.tokens.token(OAuthBed.request(OAuthBed.sign(key, claims), "system/Bundle.c")),
                OAuthError.INVALID_SCOPE, "ID-0265", null);

        assertThat(bed.tokens.token(OAuthBed.request(OAuthBed.sign(key, claims), SCOPE)))
                .isInstanceOf(TokenResponse.Issued.class);
    }

    @Test
    void usedJtis_pastTheirAssertionsExpiry_arePurged() {
        bed.issue(key, CLIENT, SCOPE);
        JdbcTemplate jdbc = new JdbcTemplate(bed.dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM id_used_jti", Long.class)).isEqualTo(1);

        bed.clock.advance(Duration.ofMinutes(10));
        bed.issue(key, CLIENT, SCOPE);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM id_used_jti", Long.class)).isEqualTo(1);
    }

    @Test
    void token_withMalformedAssertion_isInvalidClientWithoutEcho() {
        for (String junk : List.of("not-a-jwt-secret", "a.b.c", "eyJhbGciOiJSUzM4NCJ9.bm9wZQ.c2ln", "x".repeat(20_000))) {
            TokenResponse response = ask(junk);
            assertThat(((TokenResponse.Refused) response).error()).isEqualTo(OAuthError.INVALID_CLIENT);
            assertThat(bed.events.last().reasonCode()).isEqualTo("ID-0254");
            assertThat(response.body().toString()).doesNotContain("secret").doesNotContain("bm9wZQ");
        }
    }

    @Test
    void token_withMissingParameter_isInvalidRequest() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());

        assertRefused(bed.tokens.token(TokenRequest.of(null, TokenRequest.JWT_BEARER, assertion, SCOPE)),
                OAuthError.INVALID_REQUEST, "ID-0250", assertion);
        assertRefused(bed.tokens.token(TokenRequest.of(TokenRequest.CLIENT_CREDENTIALS, null, assertion, SCOPE)),
                OAuthError.INVALID_REQUEST, "ID-0250", assertion);
        assertRefused(bed.tokens.token(TokenRequest.of(TokenRequest.CLIENT_CREDENTIALS, TokenRequest.JWT_BEARER, null, SCOPE)),
                OAuthError.INVALID_REQUEST, "ID-0250", null);
        assertRefused(bed.tokens.token(TokenRequest.of(TokenRequest.CLIENT_CREDENTIALS, TokenRequest.JWT_BEARER, assertion, "")),
                OAuthError.INVALID_REQUEST, "ID-0250", assertion);
    }

    @Test
    void token_withRepeatedParameter_isInvalidRequest() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());
        TokenRequest request = TokenRequest.fromForm(Map.of(
                TokenRequest.GRANT_TYPE, List.of(TokenRequest.CLIENT_CREDENTIALS),
                TokenRequest.CLIENT_ASSERTION_TYPE, List.of(TokenRequest.JWT_BEARER),
                TokenRequest.CLIENT_ASSERTION, List.of(assertion, assertion),
                TokenRequest.SCOPE, List.of(SCOPE)));

        assertRefused(bed.tokens.token(request), OAuthError.INVALID_REQUEST, "ID-0251", assertion);
        assertThat(request.toString()).doesNotContain(assertion);
    }

    @Test
    void token_fromServletParameters_withRepeatedScope_isInvalidRequest() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());
        TokenRequest request = TokenRequest.fromParameters(Map.of(
                TokenRequest.GRANT_TYPE, new String[] {TokenRequest.CLIENT_CREDENTIALS},
                TokenRequest.CLIENT_ASSERTION_TYPE, new String[] {TokenRequest.JWT_BEARER},
                TokenRequest.CLIENT_ASSERTION, new String[] {assertion},
                TokenRequest.SCOPE, new String[] {SCOPE, "system/*.cruds"}));

        assertRefused(bed.tokens.token(request), OAuthError.INVALID_REQUEST, "ID-0251", assertion);
    }

    @Test
    void token_fromServletParameters_withEachParameterOnce_issues() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());
        TokenRequest request = TokenRequest.fromParameters(Map.of(
                TokenRequest.GRANT_TYPE, new String[] {TokenRequest.CLIENT_CREDENTIALS},
                TokenRequest.CLIENT_ASSERTION_TYPE, new String[] {TokenRequest.JWT_BEARER},
                TokenRequest.CLIENT_ASSERTION, new String[] {assertion},
                TokenRequest.SCOPE, new String[] {SCOPE}));

        assertThat(bed.tokens.token(request)).isInstanceOf(TokenResponse.Issued.class);
    }

    @Test
    void token_withWrongGrantType_isUnsupportedGrantType() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());

        assertRefused(bed.tokens.token(TokenRequest.of("urn:ietf:params:oauth:grant-type:jwt-bearer",
                TokenRequest.JWT_BEARER, assertion, SCOPE)), OAuthError.UNSUPPORTED_GRANT_TYPE, "ID-0252", assertion);
        assertRefused(bed.tokens.token(TokenRequest.of("password", TokenRequest.JWT_BEARER, assertion, SCOPE)),
                OAuthError.UNSUPPORTED_GRANT_TYPE, "ID-0252", assertion);
    }

    @Test
    void token_withWrongAssertionType_isInvalidClient() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());

        assertRefused(bed.tokens.token(TokenRequest.of(TokenRequest.CLIENT_CREDENTIALS,
                "urn:ietf:params:oauth:client-assertion-type:saml2-bearer", assertion, SCOPE)),
                OAuthError.INVALID_CLIENT, "ID-0253", assertion);
    }

    @Test
    void token_forScopeNotAllowed_isInvalidScope() {
        String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());

        assertRefused(bed.tokens.token(OAuthBed.request(assertion, "system/Bundle.c system/Observation.c")),
                OAuthError.INVALID_SCOPE, "ID-0265", assertion);
    }

    @Test
    void token_forMalformedOrNonSystemScope_isInvalidScope() {
        for (String scope : List.of("patient/Observation.rs", "system/Observation.read", "launch openid",
                "system/Observation.rs user/Patient.rs")) {
            String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());
            assertRefused(bed.tokens.token(OAuthBed.request(assertion, scope)), OAuthError.INVALID_SCOPE, "ID-0264", assertion);
        }
    }

    @Test
    void token_forAuditEvents_byAClinicEmr_isInvalidScope_evenBesideAScopeItIsAllowed() {
        for (String scope : List.of("system/AuditEvent.rs", "system/AuditEvent.r system/Observation.rs")) {
            String assertion = OAuthBed.sign(key, bed.claims(CLIENT).build());
            assertRefused(bed.tokens.token(OAuthBed.request(assertion, scope)), OAuthError.INVALID_SCOPE, "ID-0269",
                    assertion);
        }
    }

    @Test
    void token_forAnAuditSystem_grantsAuditEventsOnly_whateverElseItAsks() {
        bed.organisation("city-audit", OrganisationKind.AUDIT_BODY);
        RSAKey auditKey = Keys.rsa("audit-key-1");
        bed.client("city-audit-sys", "city-audit", PrincipalKind.AUDIT_SYSTEM, auditKey, "system/AuditEvent.rs");

        TokenResponse.Issued issued = bed.issue(auditKey, "city-audit-sys", "system/*.rs system/Observation.rs");

        assertThat(issued.scope().text()).isEqualTo("system/AuditEvent.rs");
        assertThat(issued.scope().permits("Observation", 'r')).isFalse();
        assertThat(issued.scope().permits("Patient", 's')).isFalse();
    }

    @Test
    void token_forWiderScopeThanAllowed_grantsOnlyTheIntersection() {
        TokenResponse.Issued issued = bed.issue(key, CLIENT, "system/Observation.cruds system/*.r system/Bundle.c");

        assertThat(issued.scope().text()).isEqualTo("system/Observation.rs system/Patient.r");
        assertThat(issued.scope().permits("Observation", 'c')).isFalse();
        assertThat(issued.scope().permits("Bundle", 'c')).isFalse();
    }

    @Test
    void refusals_tellAnUnknownClientFromAKnownOneByNothing() {
        String forged = OAuthBed.sign(Keys.rsa("emr-key-1"), bed.claims(CLIENT).build());
        String stranger = OAuthBed.sign(Keys.rsa("emr-key-1"), bed.claims("ghost-client").build());

        assertThat(ask(forged).body()).isEqualTo(ask(stranger).body());
        assertThat(ask(forged).httpStatus()).isEqualTo(401);
    }
}
