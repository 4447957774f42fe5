package org.azukari.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientKey;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OrganisationRegistry;

/**
 * Checks a SMART client assertion: a JWS signed RS384 or ES384 by a key the client registered
 * (found by {@code kid}), {@code iss} = {@code sub} = an active client, {@code aud} = the token
 * endpoint and nothing else, {@code exp} present, not past and at most the assertion lifetime
 * ahead, {@code jti} present. The signature is checked before any claim is trusted, and before
 * the {@code jti} is spent (that is the caller's next step), so a forger cannot burn a client's
 * ids. Whether the {@code jti} is new is not checked here.
 */
final class ClientAssertionVerifier {

    /** Far above a signed assertion; anything longer is refused before parsing. */
    static final int MAX_ASSERTION_LENGTH = 16 * 1024;
    static final int MAX_JTI_LENGTH = 255;

    /** What a verified assertion established. */
    record Verified(Client client, String jti, Instant expiresAt) {
    }

    private final OrganisationRegistry registry;
    private final OAuthSettings settings;
    private final Clock clock;

    ClientAssertionVerifier(OrganisationRegistry registry, OAuthSettings settings, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    Verified verify(String assertion) throws Refusal {
        if (assertion.length() > MAX_ASSERTION_LENGTH) {
            throw Refusal.client(IdentityError.ID_0254);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw Refusal.client(IdentityError.ID_0254);
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS384.equals(alg) && !JWSAlgorithm.ES384.equals(alg)) {
            throw Refusal.client(IdentityError.ID_0255);
        }
        Client client = activeClient(claims);
        ClientKey key = client.key(jwt.getHeader().getKeyID() == null ? "" : jwt.getHeader().getKeyID())
                .orElseThrow(() -> Refusal.client(IdentityError.ID_0257));
        if (!signedBy(jwt, alg, key)) {
            throw Refusal.client(IdentityError.ID_0258);
        }
        checkAudience(claims.getAudience());
        Instant expiresAt = checkTimes(claims);
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            throw Refusal.client(IdentityError.ID_0262);
        }
        return new Verified(client, jti, expiresAt);
    }

    private Client activeClient(JWTClaimsSet claims) throws Refusal {
        String iss = claims.getIssuer();
        if (iss == null || !iss.equals(claims.getSubject())) {
            throw Refusal.client(IdentityError.ID_0266);
        }
        ClientId id;
        try {
            id = new ClientId(iss);
        } catch (IllegalArgumentException malformed) {
            throw Refusal.client(IdentityError.ID_0256);
        }
        return registry.findClient(id).filter(Client::isActive)
                .orElseThrow(() -> Refusal.client(IdentityError.ID_0256));
    }

    private static boolean signedBy(SignedJWT jwt, JWSAlgorithm alg, ClientKey key) {
        try {
            JWK jwk = JWK.parse(key.publicJwk());
            JWSVerifier verifier;
            if (JWSAlgorithm.RS384.equals(alg) && jwk instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (JWSAlgorithm.ES384.equals(alg) && jwk instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return false;
            }
            return jwt.verify(verifier);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return false;
        }
    }

    private void checkAudience(List<String> audience) throws Refusal {
        if (audience == null || audience.size() != 1 || !settings.tokenEndpoint().equals(audience.get(0))) {
            throw Refusal.client(IdentityError.ID_0259);
        }
    }

    private Instant checkTimes(JWTClaimsSet claims) throws Refusal {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().plus(settings.clockSkew()).isBefore(now)) {
            throw Refusal.client(IdentityError.ID_0260);
        }
        if (exp.toInstant().isAfter(now.plus(settings.maxAssertionLifetime()).plus(settings.clockSkew()))) {
            throw Refusal.client(IdentityError.ID_0261);
        }
        Instant latestStart = now.plus(settings.clockSkew());
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(latestStart)
                || claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(latestStart)) {
            throw Refusal.client(IdentityError.ID_0267);
        }
        return exp.toInstant();
    }
}
