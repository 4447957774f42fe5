package org.azukari.identity.oauth;

import java.time.Duration;
import java.util.Objects;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.IdentityError;

/**
 * The token service's fixed values: where the token endpoint is (the {@code aud} of client
 * assertions), who issues access tokens and for which audience, and the time limits. Access
 * tokens live at most 5 minutes and the tolerated clock skew is at most 30 seconds.
 */
public record OAuthSettings(String tokenEndpoint, String issuer, String audience, Duration accessTokenLifetime,
                            Duration maxAssertionLifetime, Duration clockSkew) {

    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    public OAuthSettings {
        Objects.requireNonNull(tokenEndpoint);
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(audience);
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()
                || accessTokenLifetime.compareTo(MAX_TOKEN_LIFETIME) > 0) {
            throw new BadInputException(IdentityError.ID_0280, "access token lifetime must be within 5 minutes");
        }
        if (maxAssertionLifetime.isNegative() || maxAssertionLifetime.compareTo(MAX_TOKEN_LIFETIME) > 0) {
            throw new BadInputException(IdentityError.ID_0281, "assertion lifetime must be within 5 minutes");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new BadInputException(IdentityError.ID_0282, "clock skew must be within 30 seconds");
        }
    }
}
