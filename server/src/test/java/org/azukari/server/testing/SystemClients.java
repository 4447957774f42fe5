package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SmartScope;

/**
 * System clients for tests that run outside {@link RealIdentityWorld}'s shared context: register
 * one with a fresh EC key, and get it an access token from the real token endpoint.
 */
public final class SystemClients {

    public static final String TOKEN_ENDPOINT = RealIdentityWorld.TOKEN_ENDPOINT;

    private SystemClients() {
    }

    public static RealIdentityWorld.SystemClient register(OrganisationRegistry organisations, String id,
                                                   OrganisationId organisation, PrincipalKind kind, String scope)
            throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID(id + "-k1").algorithm(JWSAlgorithm.ES384).generate();
        organisations.registerClient(new ClientRegistration(new ClientId(id), organisation, kind,
                Set.of(SmartScope.parse(scope)), new JWKSet(key.toPublicJWK()).toString()));
        return new RealIdentityWorld.SystemClient(new ClientId(id), key);
    }

    public static String token(RawHttp http, RealIdentityWorld.SystemClient client, String scope) throws Exception {
        String assertion = RealIdentityWorld.assertion(client, TOKEN_ENDPOINT, Instant.now().plusSeconds(120));
        RawHttp.Response answer = http.postForm("/oauth/token", RealIdentityWorld.form("grant_type", "client_credentials",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion, "scope", scope));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
