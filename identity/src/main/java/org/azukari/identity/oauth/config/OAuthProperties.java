package org.azukari.identity.oauth.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.SmartScope;
import org.azukari.identity.oauth.OAuthSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.identity.oauth.*}. {@code tokenEndpoint} is the exact URL clients put in their
 * assertions' {@code aud}; {@code issuer} and {@code audience} go into access tokens. The signing
 * key is a private JWK from the environment ({@code AZUKARI_IDENTITY_OAUTH_SIGNING_KEY}); without
 * it, {@code signingKeyFile} (default {@code ${azukari.data-dir}/oauth-signing-key.jwk}) is read
 * or created. Several instances need the same key: set it from the environment.
 */
@ConfigurationProperties("azukari.identity.oauth")
public record OAuthProperties(
        @DefaultValue("http://localhost:8080/oauth/token") String tokenEndpoint,
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue("http://localhost:8080/fhir") String audience,
        @DefaultValue("5m") Duration accessTokenLifetime,
        @DefaultValue("5m") Duration maxAssertionLifetime,
        @DefaultValue("30s") Duration clockSkew,
        String signingKey,
        Path signingKeyFile,
        @DefaultValue({"system/Bundle.c", "system/Patient.rs", "system/Observation.rs", "system/Condition.rs",
                "system/Encounter.rs", "system/MedicationRequest.rs", "system/AllergyIntolerance.rs",
                "system/Procedure.rs", "system/DiagnosticReport.rs", "system/Immunization.rs",
                "system/Claim.rs", "system/ExplanationOfBenefit.rs"}) List<String> scopesSupported) {

    /** Validated at start-up: a bad URL, lifetime, skew or scope fails the start, not the first request. */
    public OAuthSettings settings() {
        requireHttpUrl(tokenEndpoint, "token-endpoint");
        requireHttpUrl(issuer, "issuer");
        requireHttpUrl(audience, "audience");
        scopesSupported.forEach(SmartScope::parse);
        return new OAuthSettings(tokenEndpoint, issuer, audience, accessTokenLifetime, maxAssertionLifetime, clockSkew);
    }

    private static void requireHttpUrl(String value, String name) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return;
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw new BadInputException(IdentityError.ID_0289, "azukari.identity.oauth." + name + " must be an http(s) URL");
    }

    @Override
    public String toString() {
        return "OAuthProperties[tokenEndpoint=" + tokenEndpoint + ", issuer=" + issuer + ", audience=" + audience
                + ", accessTokenLifetime=" + accessTokenLifetime + ", signingKey=" + (signingKey == null ? "unset" : "set")
                + ", signingKeyFile=" + signingKeyFile + "]";
    }
}
