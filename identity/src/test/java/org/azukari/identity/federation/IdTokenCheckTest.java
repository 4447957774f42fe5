package org.azukari.identity.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.azukari.identity.api.FederatedSignInException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID token checks, with tokens signed by Nimbus under a key of the provider's set: a good
 * token passes and yields subject, acr, amr, auth_time and address; every tampered, expired,
 * foreign or malformed variant is refused with {@code ID-0304}.
 */
class IdTokenCheckTest {

    private static final String NONCE = "n-0S6_WzA2Mj";
    private static RSAKey providerKey;
    private static RSAKey otherKey;
    private static IdTokenCheck check;

    @BeforeAll
    static void keys() throws JOSEException {
        providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        check = new IdTokenCheck(Providers.card(), new Issuer(Providers.ISSUER),
                new ImmutableJWKSet<>(new JWKSet(providerKey.toPublicJWK())));
    }

    private static JWTClaimsSet.Builder good() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(Providers.ISSUER).subject("pairwise-subject-123")
                .audience(Providers.CLIENT).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", NONCE).claim("acr", Providers.CARD_ACR).claim("amr", List.of("hwk", "pin"))
                .claim("auth_time", now.getEpochSecond())
                .claim("address", Map.of("formatted", "石川県加賀市大聖寺南町ニ41", "country", "JP"))
                .claim("name", "山田 太郎").claim("birthdate", "1980-04-01").claim("gender", "male");
    }

    private static SignedJWT signed(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private static void assertRefused(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        SignedJWT token = signed(change.apply(good()).build(), providerKey);
        assertThatThrownBy(() -> check.verify(token, NONCE))
                .isInstanceOfSatisfying(FederatedSignInException.class, e -> assertThat(e.code()).isEqualTo("ID-0304"));
    }

    @Test
    void verify_aGoodToken_yieldsWhatTheBankUses() throws JOSEException {
        VerifiedSignIn verified = check.verify(signed(good().build(), providerKey), NONCE);

        assertThat(verified.subject()).isEqualTo("pairwise-subject-123");
        assertThat(verified.acr()).contains(Providers.CARD_ACR);
        assertThat(verified.amr()).containsExactly("hwk", "pin");
        assertThat(verified.authenticatedAt()).isPresent();
        assertThat(verified.address()).contains("石川県加賀市大聖寺南町ニ41");
        assertThat(verified.toString()).doesNotContain("pairwise-subject-123").doesNotContain("加賀市");
    }

    @Test
    void verify_anExpiredToken_isRefused() throws JOSEException {
        Instant past = Instant.now().minusSeconds(3600);
        assertRefused(b -> b.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))));
    }

    @Test
    void verify_withAnotherNonce_isRefused() throws JOSEException {
        assertRefused(b -> b.claim("nonce", "someone-elses-nonce"));
    }

    @Test
    void verify_withoutANonce_isRefused() throws JOSEException {
        assertRefused(b -> b.claim("nonce", null));
    }

    @Test
    void verify_forAnotherAudience_isRefused() throws JOSEException {
        assertRefused(b -> b.audience("another-relying-party"));
    }

    @Test
    void verify_fromAnotherIssuer_isRefused() throws JOSEException {
        assertRefused(b -> b.issuer("https://evil.example"));
    }

    @Test
    void verify_signedByAKeyNotInTheProvidersSet_isRefused() throws JOSEException {
        SignedJWT forged = signed(good().build(), otherKey);
        assertThatThrownBy(() -> check.verify(forged, NONCE)).isInstanceOf(FederatedSignInException.class)
                .hasMessageStartingWith("ID-0304");
    }

    @Test
    void verify_macSignedWithTheClientSecret_isRefused() throws JOSEException {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), good().build());
        hmac.sign(new MACSigner("secret-from-the-environment-padded-to-32-bytes!!"));
        assertThatThrownBy(() -> check.verify(hmac, NONCE)).isInstanceOf(FederatedSignInException.class)
                .hasMessageStartingWith("ID-0304");
    }

    @Test
    void verify_aTamperedPayload_isRefused() throws Exception {
        String[] parts = signed(good().build(), providerKey).serialize().split("\\.");
        String otherPayload = signed(good().subject("someone-else").build(), providerKey).serialize().split("\\.")[1];
        SignedJWT tampered = SignedJWT.parse(parts[0] + "." + otherPayload + "." + parts[2]);
        assertThatThrownBy(() -> check.verify(tampered, NONCE)).isInstanceOf(FederatedSignInException.class)
                .hasMessageStartingWith("ID-0304");
    }
}
