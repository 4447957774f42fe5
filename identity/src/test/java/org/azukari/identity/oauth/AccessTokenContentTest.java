package org.azukari.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.TokenResponse;
import org.azukari.identity.oauth.config.OAuthProperties;
import org.azukari.identity.registry.Keys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenContentTest {

    @TempDir
    Path dir;
    private OAuthBed bed;
    private RSAKey key;

    @BeforeEach
    void setUp() {
        bed = new OAuthBed(dir);
        bed.organisation("kaga-hospital", OrganisationKind.HOSPITAL, "treatment");
        key = Keys.rsa("feed-1");
        bed.client("kaga-feed", "kaga-hospital", PrincipalKind.SOURCE_FEED, key, "system/Bundle.c");
    }

    @Test
    void issuedToken_carriesOnlyTheDocumentedClaims_andNothingAboutResidents() throws Exception {
        SignedJWT jwt = SignedJWT.parse(bed.issue(key, "kaga-feed", "system/Bundle.c").accessToken());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(claims.getClaims().keySet())
                .containsExactlyInAnyOrder("iss", "sub", "aud", "exp", "iat", "jti", "scope", "org", "kind");
        assertThat(claims.getSubject()).isEqualTo("kaga-feed");
        assertThat(claims.getStringClaim("org")).isEqualTo("kaga-hospital");
        assertThat(claims.getStringClaim("kind")).isEqualTo("SOURCE_FEED");
        assertThat(claims.getStringClaim("scope")).isEqualTo("system/Bundle.c");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
    }

    @Test
    void sameAssertion_sentConcurrently_isHonouredExactlyOnce() throws Exception {
        String assertion = OAuthBed.sign(key, bed.claims("kaga-feed").build());
        int attempts = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<TokenResponse>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                SmartTokenService instance = bed.newTokenService();
                Callable<TokenResponse> call = () -> {
                    start.await();
                    return instance.token(OAuthBed.request(assertion, "system/Bundle.c"));
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            long issued = 0;
            for (Future<TokenResponse> result : results) {
                if (result.get() instanceof TokenResponse.Issued) {
                    issued++;
                }
            }
            assertThat(issued).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void redactedTypes_neverShowAssertionsTokensOrSigningKeys() {
        String assertion = OAuthBed.sign(key, bed.claims("kaga-feed").build());
        TokenResponse.Issued issued = bed.issue(key, "kaga-feed", "system/Bundle.c");
        String signingKey = Keys.ec(com.nimbusds.jose.jwk.Curve.P_256, "k").toJSONString();
        OAuthProperties properties = new OAuthProperties("http://localhost:8080/oauth/token", "http://localhost:8080",
                "http://localhost:8080/fhir", java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(5),
                java.time.Duration.ofSeconds(30), signingKey, null, List.of("system/Bundle.c"));

        assertThat(OAuthBed.request(assertion, "system/Bundle.c").toString()).doesNotContain(assertion);
        assertThat(issued.toString()).doesNotContain(issued.accessToken());
        assertThat(properties.toString()).doesNotContain(signingKey).doesNotContain("\"d\"");
        assertThat(bed.bankKey.toString()).doesNotContain("\"d\"");
        assertThat(bed.events.all()).allSatisfy(event -> assertThat(event.toString())
                .doesNotContain(assertion).doesNotContain(issued.accessToken()));
    }
}
