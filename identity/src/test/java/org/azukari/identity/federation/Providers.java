package org.azukari.identity.federation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ProofingMethod;

/** Provider settings for the tests: a card provider whose city is Kaga (加賀市). */
final class Providers {

    static final String ISSUER = "https://card.example.jp";
    static final String CLIENT = "azukari-bank";
    static final String CARD_ACR = "urn:example:acr:my-number-card";

    private Providers() {
    }

    static FederationProperties.Provider properties(String issuer) {
        return new FederationProperties.Provider(URI.create(issuer), CLIENT, "secret-from-the-environment",
                URI.create("https://bank.example.jp/signin/oidc/card/callback"),
                List.of("openid", "name", "address", "birthdate", "gender"),
                ProofingMethod.MY_NUMBER_CARD_PUBLIC_AUTHENTICATION,
                Map.of(CARD_ACR, AssuranceLevel.HIGH, "urn:example:acr:city-id", AssuranceLevel.SUBSTANTIAL),
                List.of("石川県加賀市"), "マイナンバーカード", "My Number card", Duration.ofSeconds(5),
                Duration.ofSeconds(60), List.of("RS256"));
    }

    static ProviderSettings card() {
        return ProviderSettings.of("card", properties(ISSUER));
    }

    static ProviderSettings cityId() {
        return ProviderSettings.of("city-id", properties("https://id.city.example.jp"));
    }
}
