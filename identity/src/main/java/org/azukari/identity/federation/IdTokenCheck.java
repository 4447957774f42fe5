package org.azukari.identity.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.util.Map;
import java.util.Optional;
import org.azukari.identity.api.FederatedProviderUnavailableException;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.ProviderId;

/**
 * Verifies an ID token with Nimbus's {@link IDTokenValidator}: signature by a key from the
 * provider's JWKS (an unknown {@code kid} fetches the set again, so rotation is followed), one of
 * the configured algorithms, issuer, audience = this client, expiry and issue time within the clock
 * skew, and the {@code nonce} sent. No hand-written JWT handling.
 */
final class IdTokenCheck {

    private final ProviderId provider;
    private final IDTokenValidator validator;

    IdTokenCheck(ProviderSettings settings, Issuer issuer, JWKSource<SecurityContext> keys) {
        this.provider = settings.id();
        this.validator = new IDTokenValidator(issuer, new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(settings.algorithms(), keys), null);
        validator.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    }

    VerifiedSignIn verify(JWT idToken, String nonce) {
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException e) {
            throw new FederatedSignInException(IdentityError.ID_0304, "ID token refused");
        } catch (KeySourceException e) {
            throw new FederatedProviderUnavailableException(e);
        } catch (JOSEException e) {
            throw new FederatedSignInException(IdentityError.ID_0304, "ID token refused");
        }
        return new VerifiedSignIn(provider, claims.getSubject().getValue(),
                Optional.ofNullable(claims.getACR()).map(a -> a.getValue()),
                claims.getAMR() == null ? java.util.List.of() : claims.getAMR().stream().map(a -> a.getValue()).toList(),
                Optional.ofNullable(claims.getAuthenticationTime()).map(java.util.Date::toInstant),
                address(claims));
    }

    /** The {@code address} claim's {@code formatted} value, or its parts in the order a Japanese address is written. */
    private static Optional<String> address(IDTokenClaimsSet claims) {
        Map<String, Object> address;
        try {
            address = claims.getJSONObjectClaim("address");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (address == null) {
            return Optional.empty();
        }
        if (address.get("formatted") instanceof String formatted && !formatted.isBlank()) {
            return Optional.of(formatted);
        }
        StringBuilder parts = new StringBuilder();
        for (String part : new String[] {"region", "locality", "street_address"}) {
            if (address.get(part) instanceof String s) {
                parts.append(s);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(parts.toString());
    }
}
