package org.azukari.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.azukari.consent.api.BadStateException;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.NonDecreasingClock;
import org.azukari.identity.api.SmartScopes;

/**
 * The bank's access tokens: JWTs (RFC 9068 {@code typ: at+jwt}) signed with the
 * {@link BankSigningKey}, claims {@code iss}, {@code sub} (client id), {@code aud}, {@code exp},
 * {@code iat}, {@code jti}, {@code scope} (space-separated), {@code org} (organisation id) and
 * {@code kind} (client kind). Nothing about residents. Checking a token means: that key, that
 * algorithm and type, signature, issuer, a single audience, not expired (with the clock skew),
 * not issued in the future (both read on a {@link NonDecreasingClock}: a wall clock set back
 * neither brings an expired token back nor refuses a fresh one), and well-formed claims. Whether the client is still active is the
 * realm's question.
 */
final class AccessTokens {

    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    /** What a valid access token says. */
    record Claims(ClientId client, OrganisationId organisation, PrincipalKind kind, SmartScopes scopes,
                  Instant expiresAt) {
    }

    private final BankSigningKey key;
    private final OAuthSettings settings;
    private final Clock clock;

    AccessTokens(BankSigningKey key, OAuthSettings settings, Clock clock) {
        this.key = key;
        this.settings = settings;
        // a wall clock set back must not make an expired token valid again
        this.clock = NonDecreasingClock.of(clock);
    }

    String issue(Client client, SmartScopes scopes) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(client.id().value())
                .audience(settings.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTokenLifetime())))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", scopes.text())
                .claim("org", client.organisation().value())
                .claim("kind", client.kind().name())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.keyId()).type(TYPE).build(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new BadStateException(IdentityError.ID_0288, "cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    long lifetimeSeconds() {
        return settings.accessTokenLifetime().toSeconds();
    }

    Claims verify(String token) throws Refusal {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw Refusal.client(IdentityError.ID_0270);
        }
        JWSHeader header = jwt.getHeader();
        if (!key.algorithm().equals(header.getAlgorithm()) || !key.keyId().equals(header.getKeyID())
                || !TYPE.equals(header.getType()) || !verified(jwt)) {
            throw Refusal.client(IdentityError.ID_0271);
        }
        List<String> audience = claims.getAudience();
        if (!settings.issuer().equals(claims.getIssuer()) || audience == null || audience.size() != 1
                || !settings.audience().equals(audience.get(0))) {
            throw Refusal.client(IdentityError.ID_0272);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null || exp.toInstant().plus(settings.clockSkew()).isBefore(now)
                || iat.toInstant().isAfter(now.plus(settings.clockSkew()))) {
            throw Refusal.client(IdentityError.ID_0273);
        }
        return claims(claims);
    }

    private boolean verified(SignedJWT jwt) {
        try {
            return jwt.verify(key.verifier());
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static Claims claims(JWTClaimsSet claims) throws Refusal {
        try {
            PrincipalKind kind = PrincipalKind.valueOf(Objects.requireNonNull(claims.getStringClaim("kind")));
            if (kind.isPerson()) {
                throw Refusal.client(IdentityError.ID_0274);
            }
            return new Claims(new ClientId(claims.getSubject()),
                    new OrganisationId(Objects.requireNonNull(claims.getStringClaim("org"))), kind,
                    SmartScopes.parse(claims.getStringClaim("scope")), claims.getExpirationTime().toInstant());
        } catch (ParseException | RuntimeException e) {
            throw Refusal.client(IdentityError.ID_0274);
        }
    }
}
