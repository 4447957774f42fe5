package org.azukari.identity.oauth;

import org.azukari.consent.testing.MutableClock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SmartScope;
import org.azukari.identity.api.TokenRequest;
import org.azukari.identity.api.TokenResponse;
import org.azukari.identity.registry.JdbcOrganisationRegistry;
import org.azukari.identity.registry.Keys;
import org.azukari.identity.registry.TestDatabase;

/**
 * The token service and the realm over a migrated H2 database, a hand-moved clock and a
 * recording security-event sink, with helpers to register clients and sign their assertions.
 */
final class OAuthBed {

    static final String TOKEN_ENDPOINT = "http://localhost:8080/oauth/token";
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    final DataSource dataSource;
    final MutableClock clock = new MutableClock(START);
    final RecordingSecurityEvents events = new RecordingSecurityEvents();
    final JdbcOrganisationRegistry registry;
    final BankSigningKey bankKey = BankSigningKey.generate();
    final OAuthSettings settings = settings("http://localhost:8080", "http://localhost:8080/fhir");
    final SmartTokenService tokens;
    final BearerTokenRealm realm;

    OAuthBed(Path dir) {
        dataSource = TestDatabase.migrated(dir);
        registry = new JdbcOrganisationRegistry(dataSource, clock);
        tokens = newTokenService();
        realm = BearerTokenRealm.create(registry, bankKey, settings, events, clock);
    }

    static OAuthSettings settings(String issuer, String audience) {
        return new OAuthSettings(TOKEN_ENDPOINT, issuer, audience, Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofSeconds(30));
    }

    SmartTokenService newTokenService() {
        return SmartTokenService.create(registry, dataSource, bankKey, settings, events, clock);
    }

    void organisation(String id, OrganisationKind kind, String... purposes) {
        registry.registerOrganisation(new Organisation(new OrganisationId(id), kind, "Organisation " + id,
                Set.of(purposes).stream().map(Purpose::new).collect(Collectors.toSet())));
    }

    void client(String id, String organisation, PrincipalKind kind, JWK key, String... scopes) {
        registry.registerClient(new ClientRegistration(new ClientId(id), new OrganisationId(organisation), kind,
                Set.of(scopes).stream().map(SmartScope::parse).collect(Collectors.toSet()), Keys.publicJwks(key)));
    }

    /** The claims of a well-formed assertion by {@code client}, to be varied by a test. */
    JWTClaimsSet.Builder claims(String client) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(client).subject(client).audience(TOKEN_ENDPOINT)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(JWK key, JWTClaimsSet claims) {
        try {
            JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
            jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static TokenRequest request(String assertion, String scope) {
        return TokenRequest.of(TokenRequest.CLIENT_CREDENTIALS, TokenRequest.JWT_BEARER, assertion, scope);
    }

    /**
     * Takes the real H2 database away from everyone else until closed: {@code SET EXCLUSIVE 2}
     * closes every other connection and refuses new ones, as a database that went down would.
     */
    AutoCloseable databaseDown() throws java.sql.SQLException {
        java.sql.Connection admin = dataSource.getConnection();
        admin.createStatement().execute("SET EXCLUSIVE 2");
        return () -> {
            try (admin) {
                admin.createStatement().execute("SET EXCLUSIVE 0");
            }
        };
    }

    TokenResponse.Issued issue(JWK key, String client, String scope) {
        TokenResponse response = tokens.token(request(sign(key, claims(client).build()), scope));
        if (response instanceof TokenResponse.Issued issued) {
            return issued;
        }
        throw new AssertionError("expected a token, got " + response);
    }
}
