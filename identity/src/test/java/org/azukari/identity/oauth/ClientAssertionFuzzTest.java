package org.azukari.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.TokenResponse;
import org.azukari.identity.registry.Keys;

/**
 * Coverage-guided fuzzing of the SMART token endpoint's client-assertion checks (docs/identity.md,
 * "Systems: SMART Backend Services"), through {@link SmartTokenService} on a migrated H2 database. Inputs are
 * made-up assertions, and assertions whose header and claims are fuzzed but which are signed by a
 * registered key, so that the claim checks behind the signature are reached too. Properties: the
 * answer is a token or a refusal, never "unavailable" (the store is healthy: a 503 for bad input
 * would be a false fact) and never an exception; a token is issued only for an assertion that meets
 * every rule (iss = sub = the client, aud = the token endpoint alone, exp within the lifetime and
 * skew, a jti, a granted scope).
 */
class ClientAssertionFuzzTest {

    private static final String CLIENT = "kaga-emr";
    private static final String SCOPE = "system/Observation.rs";
    private static final RSAKey RSA = Keys.rsa("emr-rsa");
    private static final ECKey EC = Keys.ec384();
    private static final OAuthBed BED = bed();

    private static OAuthBed bed() {
        try {
            OAuthBed bed = new OAuthBed(Files.createTempDirectory("assertion-fuzz"));
            bed.organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment");
            bed.client(CLIENT, "kaga-clinic", PrincipalKind.CLINIC_EMR, RSA, SCOPE, "system/Patient.rs");
            bed.client("kaga-ec", "kaga-clinic", PrincipalKind.CLINIC_EMR, EC, SCOPE);
            return bed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void token_anyAssertion_issuesOnlyForAValidOne_andNeverAnswersUnavailable(FuzzedDataProvider data) {
        String scope = data.consumeBoolean() ? SCOPE : data.consumeString(64);
        Claims claims = null;
        String assertion;
        switch (data.consumeInt(0, 2)) {
            case 0 -> assertion = data.consumeRemainingAsString();
            case 1 -> assertion = signedRaw(data);
            default -> {
                claims = new Claims(data);
                assertion = claims.signed(data);
            }
        }

        TokenResponse response = BED.tokens.token(OAuthBed.request(assertion, scope));

        assertThat(response).isNotInstanceOf(TokenResponse.Unavailable.class);
        if (response instanceof TokenResponse.Issued issued) {
            assertThat(claims).as("only a well-formed, fully valid assertion gets a token").isNotNull();
            assertThat(claims.valid()).as("issued for claims that break a rule").isTrue();
            assertThat(issued.scope().isEmpty()).isFalse();
        }
    }

    /** Fuzzed header and payload text, signed RS384 by the registered key: the claim parsing behind the signature. */
    private static String signedRaw(FuzzedDataProvider data) {
        String header = data.consumeString(200);
        String payload = data.consumeRemainingAsString();
        String input = Base64URL.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
        try {
            return input + "." + new RSASSASigner(RSA).sign(new JWSHeader(JWSAlgorithm.RS384),
                    input.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims near a valid assertion, each varied by the fuzzer, and whether they meet every rule. */
    private static final class Claims {
        private final JWK key;
        private final String kid;
        private final String iss;
        private final String sub;
        private final List<String> aud;
        private final Long expSeconds;
        private final Long nbfSeconds;
        private final String jti;
        private final Instant now = BED.clock.instant();

        Claims(FuzzedDataProvider data) {
            key = data.consumeBoolean() ? RSA : EC;
            String client = key == RSA ? CLIENT : "kaga-ec";
            kid = data.consumeBoolean() ? key.getKeyID() : data.consumeString(40);
            iss = data.consumeBoolean() ? client : data.consumeString(40);
            sub = data.consumeBoolean() ? iss : data.consumeString(40);
            aud = switch (data.consumeInt(0, 3)) {
                case 0 -> List.of(OAuthBed.TOKEN_ENDPOINT);
                case 1 -> List.of(OAuthBed.TOKEN_ENDPOINT, data.consumeString(40));
                case 2 -> List.of();
                default -> List.of(data.consumeString(60));
            };
            expSeconds = data.consumeBoolean() ? null : now.getEpochSecond() + data.consumeLong(-1_000, 1_000);
            nbfSeconds = data.consumeBoolean() ? null : now.getEpochSecond() + data.consumeLong(-1_000, 1_000);
            jti = data.consumeBoolean() ? null : data.consumeString(300);
        }

        String signed(FuzzedDataProvider data) {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(iss).subject(sub).jwtID(jti)
                    .audience(aud.isEmpty() ? null : aud);
            if (expSeconds != null) {
                builder.expirationTime(Date.from(Instant.ofEpochSecond(expSeconds)));
            }
            if (nbfSeconds != null) {
                builder.notBeforeTime(Date.from(Instant.ofEpochSecond(nbfSeconds)));
            }
            try {
                JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
                com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                        new JWSHeader.Builder(alg).keyID(kid).build(), builder.build());
                jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean valid() {
            Duration skew = BED.settings.clockSkew();
            Instant latest = now.plus(BED.settings.maxAssertionLifetime()).plus(skew);
            return kid.equals(key.getKeyID()) && iss.equals(key == RSA ? CLIENT : "kaga-ec") && iss.equals(sub)
                    && aud.equals(List.of(OAuthBed.TOKEN_ENDPOINT)) && expSeconds != null
                    && !Instant.ofEpochSecond(expSeconds).plus(skew).isBefore(now)
                    && !Instant.ofEpochSecond(expSeconds).isAfter(latest)
                    && (nbfSeconds == null || !Instant.ofEpochSecond(nbfSeconds).isAfter(now.plus(skew)))
                    && jti != null && !jti.isBlank() && jti.length() <= ClientAssertionVerifier.MAX_JTI_LENGTH;
        }
    }
}
