package org.azukari.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.Subject;
import org.azukari.identity.api.BearerToken;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientStatus;
import org.azukari.identity.api.IdentityUnavailableException;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.Permissions;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SmartScopes;
import org.azukari.identity.registry.Keys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenRealmTest {

    private static final OrganisationId CLINIC = new OrganisationId("kaga-clinic");
    private static final OrganisationId HOSPITAL = new OrganisationId("kaga-hospital");
    private static final OrganisationId WELLNESS = new OrganisationId("step-up");

    @TempDir
    Path dir;
    private OAuthBed bed;
    private RSAKey emrKey;
    private RSAKey feedKey;
    private ECKey appKey;

    @BeforeEach
    void setUp() {
        bed = new OAuthBed(dir);
        bed.organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment");
        bed.organisation("kaga-hospital", OrganisationKind.HOSPITAL, "treatment");
        bed.organisation("step-up", OrganisationKind.WELLNESS_SERVICE, "health-advice");
        emrKey = Keys.rsa("emr");
        feedKey = Keys.rsa("feed");
        appKey = Keys.ec384();
        bed.client("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR, emrKey, "system/Observation.rs");
        bed.client("kaga-feed", "kaga-hospital", PrincipalKind.SOURCE_FEED, feedKey, "system/Bundle.c");
        bed.client("step-up-app", "step-up", PrincipalKind.WELLNESS_SERVICE, appKey, "system/Observation.rs");
    }

    private String tokenFor(RSAKey key, String client, String scope) {
        return bed.issue(key, client, scope).accessToken();
    }

    private PrincipalCollection authenticate(String token) {
        AuthenticationInfo info = bed.realm.getAuthenticationInfo(new BearerToken(token));
        return info.getPrincipals();
    }

    private void assertRefused(String token, String reason) {
        assertThatThrownBy(() -> authenticate(token)).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith(reason).hasMessageNotContaining(token);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        if (!signature.isEmpty()) {
            assertThatThrownBy(() -> authenticate(token)).hasMessageNotContaining(signature);
        }
        SecurityEvent event = bed.events.last();
        assertThat(event.type()).isEqualTo(SecurityEvent.Type.TOKEN_REFUSED);
        assertThat(event.reasonCode()).isEqualTo(reason);
        assertThat(event.toString()).doesNotContain(token);
    }

    /** The bank's own claims for kaga-emr, re-signed by the bank key after {@code edit}. */
    private String bankSigned(JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(bed.bankKey.signer());
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().issuer(bed.settings.issuer()).subject("kaga-emr")
                .audience(bed.settings.audience()).issueTime(Date.from(bed.clock.instant()))
                .expirationTime(Date.from(bed.clock.instant().plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()).claim("scope", "system/Observation.rs")
                .claim("org", "kaga-clinic").claim("kind", "CLINIC_EMR");
    }

    private JWSHeader bankHeader() {
        return new JWSHeader.Builder(bed.bankKey.algorithm()).keyID(bed.bankKey.keyId()).type(AccessTokens.TYPE).build();
    }

    @Test
    void authenticate_clinicEmrToken_givesSystemCallerReleasePermissionAndScopes() {
        PrincipalCollection principals = authenticate(tokenFor(emrKey, "kaga-emr", "system/Observation.rs"));

        assertThat(principals.getPrimaryPrincipal())
                .isEqualTo(Caller.system(PrincipalKind.CLINIC_EMR, new ClientId("kaga-emr"), CLINIC));
        assertThat(principals.oneByType(SmartScopes.class).permits("Observation", 'r')).isTrue();
        assertThat(bed.realm.isPermitted(principals, Permissions.requestReleaseFor(CLINIC))).isTrue();
        assertThat(bed.realm.isPermitted(principals, Permissions.requestReleaseFor(HOSPITAL))).isFalse();
        assertThat(bed.realm.isPermitted(principals, Permissions.ingestAs(CLINIC))).isFalse();
        assertThat(bed.realm.isPermitted(principals, Permissions.ADMINISTER_REGISTRY)).isFalse();
    }

    @Test
    void login_throughASecurityManager_givesTheSubjectTheCallerAndPermissions() {
        DefaultSecurityManager securityManager = new DefaultSecurityManager(bed.realm);
        Subject subject = new Subject.Builder(securityManager).buildSubject();

        subject.login(new BearerToken(tokenFor(emrKey, "kaga-emr", "system/Observation.rs")));

        assertThat(subject.getPrincipal()).isInstanceOf(Caller.class);
        assertThat(subject.isPermitted(Permissions.requestReleaseFor(CLINIC))).isTrue();
        assertThat(subject.getPrincipals().oneByType(SmartScopes.class).text()).isEqualTo("system/Observation.rs");
    }

    @Test
    void authenticate_sourceFeedToken_mayIngestOnlyAsItselfAndNeverReleaseOrRequestDatasets() {
        PrincipalCollection principals = authenticate(tokenFor(feedKey, "kaga-feed", "system/Bundle.c"));

        assertThat(bed.realm.isPermitted(principals, Permissions.ingestAs(HOSPITAL))).isTrue();
        assertThat(bed.realm.isPermitted(principals, Permissions.ingestAs(CLINIC))).isFalse();
        assertThat(bed.realm.isPermitted(principals, "record:release:kaga-hospital")).isFalse();
        assertThat(bed.realm.isPermitted(principals, "record:release")).isFalse();
        assertThat(bed.realm.isPermitted(principals, "dataset:request:kaga-hospital")).isFalse();
        assertThat(bed.realm.isPermitted(principals, "dataset:request")).isFalse();
        assertThat(bed.realm.doGetAuthorizationInfo(principals).getStringPermissions())
                .containsExactly("record:ingest:kaga-hospital");
    }

    @Test
    void authenticate_wellnessServiceToken_mayRequestDatasetsForItselfOnly() {
        String token = bed.issue(appKey, "step-up-app", "system/Observation.rs").accessToken();
        PrincipalCollection principals = authenticate(token);

        assertThat(bed.realm.doGetAuthorizationInfo(principals).getStringPermissions())
                .containsExactly(Permissions.requestDatasetsFor(WELLNESS));
    }

    @Test
    void authenticate_expiredToken_isRefused_butWithinTheSkewIsAccepted() {
        String token = tokenFor(emrKey, "kaga-emr", "system/Observation.rs");

        bed.clock.advance(Duration.ofMinutes(5).plusSeconds(29));
        assertThat(authenticate(token).getPrimaryPrincipal()).isInstanceOf(Caller.class);
        bed.clock.advance(Duration.ofSeconds(2));
        assertRefused(token, "ID-0273");
    }

    @Test
    void authenticate_anExpiredToken_staysRefused_whenTheWallClockIsSetBack() {
        String token = tokenFor(emrKey, "kaga-emr", "system/Observation.rs");
        bed.clock.advance(Duration.ofHours(1));
        assertRefused(token, "ID-0273");

        bed.clock.advance(Duration.ofHours(-1));

        assertRefused(token, "ID-0273");
    }

    @Test
    void authenticate_aFreshToken_staysValidUntilItsEnd_whenTheWallClockIsSetBackBeforeItsIssue() {
        String token = tokenFor(emrKey, "kaga-emr", "system/Observation.rs");

        bed.clock.advance(Duration.ofMinutes(-10));
        assertThat(authenticate(token).getPrimaryPrincipal()).as("not \"issued in the future\"")
                .isInstanceOf(Caller.class);
        bed.clock.advance(Duration.ofMinutes(10 + 5).plusSeconds(31));
        assertRefused(token, "ID-0273");
    }

    @Test
    void authenticate_tokenIssuedInTheFuture_isRefused() throws Exception {
        String token = bankSigned(bankHeader(), validClaims()
                .issueTime(Date.from(bed.clock.instant().plus(Duration.ofMinutes(1)))).build());

        assertRefused(token, "ID-0273");
    }

    @Test
    void authenticate_tokenSignedByAnotherKeyWithTheBanksKid_isRefused() throws Exception {
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(bed.bankKey.keyId()).generate();
        AccessTokens forger = new AccessTokens(BankSigningKey.fromJwk(impostor.toJSONString()), bed.settings, bed.clock);
        String token = forger.issue(bed.registry.findClient(new ClientId("kaga-emr")).orElseThrow(),
                SmartScopes.parse("system/Observation.rs"));

        assertRefused(token, "ID-0271");
    }

    @Test
    void authenticate_tokenWithWrongAudienceOrIssuer_isRefused() {
        var client = bed.registry.findClient(new ClientId("kaga-emr")).orElseThrow();
        SmartScopes scopes = SmartScopes.parse("system/Observation.rs");
        String otherAudience = new AccessTokens(bed.bankKey,
                OAuthBed.settings(bed.settings.issuer(), "https://elsewhere.example/fhir"), bed.clock).issue(client, scopes);
        String otherIssuer = new AccessTokens(bed.bankKey,
                OAuthBed.settings("https://elsewhere.example", bed.settings.audience()), bed.clock).issue(client, scopes);

        assertRefused(otherAudience, "ID-0272");
        assertRefused(otherIssuer, "ID-0272");
    }

    @Test
    void authenticate_tamperedClaims_isRefused() {
        String token = tokenFor(feedKey, "kaga-feed", "system/Bundle.c");
        String[] parts = token.split("\\.");
        String widened = new String(new Base64URL(parts[1]).decode(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("SOURCE_FEED", "CLINIC_EMR").replace("system/Bundle.c", "system/*.cruds");
        String tampered = parts[0] + "." + Base64URL.encode(widened) + "." + parts[2];

        assertRefused(tampered, "ID-0271");
    }

    @Test
    void authenticate_tokenWithoutAccessTokenTypeOrWithAlgNone_isRefused() throws Exception {
        String untyped = bankSigned(new JWSHeader.Builder(bed.bankKey.algorithm()).keyID(bed.bankKey.keyId())
                .type(JOSEObjectType.JWT).build(), validClaims().build());
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "."
                + Base64URL.encode(validClaims().build().toString()) + ".";

        assertRefused(untyped, "ID-0271");
        assertRefused(none, "ID-0270");
    }

    @Test
    void authenticate_tokenWhoseClaimsDisagreeWithTheRegistry_isRefused() throws Exception {
        String otherOrganisation = bankSigned(bankHeader(), validClaims().claim("org", "kaga-hospital").build());
        String otherKind = bankSigned(bankHeader(), validClaims().claim("kind", "SOURCE_FEED").build());
        String person = bankSigned(bankHeader(), validClaims().claim("kind", "OPERATOR").build());
        String badScope = bankSigned(bankHeader(), validClaims().claim("scope", "patient/*.cruds").build());

        assertRefused(otherOrganisation, "ID-0275");
        assertRefused(otherKind, "ID-0275");
        assertRefused(person, "ID-0274");
        assertRefused(badScope, "ID-0274");
        assertThat(authenticate(bankSigned(bankHeader(), validClaims().build())).getPrimaryPrincipal())
                .isInstanceOf(Caller.class);
    }

    @Test
    void authenticate_validTokenWhileTheDatabaseIsDown_isUnavailable_notRefused() throws Exception {
        String token = tokenFor(emrKey, "kaga-emr", "system/Observation.rs");
        int eventsBefore = bed.events.all().size();

        try (AutoCloseable down = bed.databaseDown()) {
            assertThatThrownBy(() -> authenticate(token)).isInstanceOf(IdentityUnavailableException.class)
                    .hasMessage("ID-0276 bearer token check unavailable").hasMessageNotContaining(token);
        }

        assertThat(bed.events.all()).hasSize(eventsBefore);
        assertThat(authenticate(token).getPrimaryPrincipal()).isInstanceOf(Caller.class);
    }

    @Test
    void authenticate_forgedTokenWhileTheDatabaseIsDown_isStillRefused() throws Exception {
        String token = tokenFor(emrKey, "kaga-emr", "system/Observation.rs");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        try (AutoCloseable down = bed.databaseDown()) {
            assertThatThrownBy(() -> authenticate(tampered)).isInstanceOf(AuthenticationException.class)
                    .isNotInstanceOf(IdentityUnavailableException.class).hasMessageStartingWith("ID-0271");
        }
    }

    @Test
    void authenticate_tokenOfSinceDeactivatedClient_isRefused() {
        String token = tokenFor(emrKey, "kaga-emr", "system/Observation.rs");
        authenticate(token);

        bed.registry.setClientStatus(new ClientId("kaga-emr"), ClientStatus.INACTIVE);

        assertRefused(token, "ID-0275");
    }

    @Test
    void authenticate_clientAssertionInsteadOfAccessToken_isRefused() {
        String assertion = OAuthBed.sign(emrKey, bed.claims("kaga-emr").build());

        assertRefused(assertion, "ID-0271");
    }

    @Test
    void authenticate_malformedToken_isRefused() {
        assertRefused("not-a-token", "ID-0270");
        assertRefused("a.b.c", "ID-0270");
    }

    @Test
    void realm_supportsOnlyBearerTokens() {
        assertThat(bed.realm.supports(new BearerToken("x"))).isTrue();
        assertThat(bed.realm.supports(new org.apache.shiro.authc.UsernamePasswordToken("u", "p"))).isFalse();
        assertThat(new BearerToken("secret-token-text").toString()).doesNotContain("secret");
    }
}
