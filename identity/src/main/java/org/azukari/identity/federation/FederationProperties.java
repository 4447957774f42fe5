package org.azukari.identity.federation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ProofingMethod;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.identity.federation.providers.<id>.*}: the OpenID Connect providers people may
 * sign in with. Checked at start ({@link ProviderSettings}); none configured means no such
 * sign-in is offered. The client secret comes from the environment, never from a file in the repository.
 */
@ConfigurationProperties("azukari.identity.federation")
public record FederationProperties(@DefaultValue Map<String, Provider> providers) {

    /**
     * One provider.
     *
     * @param issuer the provider's issuer; its discovery document is read from it
     * @param redirectUri the bank's callback as registered at the provider ({@code …/signin/oidc/<id>/callback})
     * @param acrLevels {@code acr} value → the assurance it gives (keys in brackets in properties:
     *        {@code acr-levels.[urn:…]=HIGH}); an {@code acr} not listed gives {@code LOW}
     * @param residentAddressPrefixes a first sign-in whose {@code address} claim starts with one of these
     *        (after NFKC) creates a resident's account, any other an e-resident's
     */
    public record Provider(URI issuer, String clientId, String clientSecret, URI redirectUri,
                           @DefaultValue({"openid", "name", "address", "birthdate", "gender"}) List<String> scopes,
                           ProofingMethod proofing, @DefaultValue Map<String, AssuranceLevel> acrLevels,
                           @DefaultValue List<String> residentAddressPrefixes, String labelJa, String labelEn,
                           @DefaultValue("5s") Duration timeout, @DefaultValue("60s") Duration clockSkew,
                           @DefaultValue("RS256") List<String> idTokenAlgorithms) {

        @Override
        public String toString() {
            return "Provider[issuer=" + issuer + ", clientId=" + clientId + "]";
        }
    }
}
