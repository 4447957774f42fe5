package org.azukari.identity.federation;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.azukari.identity.api.AuthorizationStart;
import org.azukari.identity.api.FederatedProviderUnavailableException;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.PendingAuthorization;

/**
 * One provider, as a relying party: reads its discovery document (once it has answered, kept),
 * builds the authorization request (code flow, PKCE S256, fresh {@code state} and {@code nonce}),
 * checks the answer's {@code state} before anything else, exchanges the code with the client secret
 * and the code verifier, and verifies the ID token ({@link IdTokenCheck}). Every network call has
 * the provider's timeout; a provider that does not answer, or answers 5xx, is unavailable, not a refusal.
 */
final class OidcClient {

    private final ProviderSettings settings;
    private final Clock clock;
    private volatile Discovered discovered;

    private record Discovered(OIDCProviderMetadata metadata, IdTokenCheck idTokens) {
    }

    OidcClient(ProviderSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    ProviderSettings settings() {
        return settings;
    }

    AuthorizationStart begin() {
        OIDCProviderMetadata metadata = discover().metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(settings.scopes().toArray(String[]::new)), new ClientID(settings.clientId()),
                settings.redirectUri())
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        return new AuthorizationStart(request.toURI(), new PendingAuthorization(settings.id(), state.getValue(),
                nonce.getValue(), verifier.getValue(), clock.instant()));
    }

    /** The provider's answer checked and the code exchanged: the verified ID token's content. */
    VerifiedSignIn complete(PendingAuthorization pending, URI callback) {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(callback);
        } catch (ParseException | RuntimeException e) {
            throw new FederatedSignInException(IdentityError.ID_0301, "no matching sign-in in progress");
        }
        // state first: an answer that is not to our request is not looked at further
        if (response.getState() == null || !response.getState().getValue().equals(pending.state())) {
            throw new FederatedSignInException(IdentityError.ID_0301, "no matching sign-in in progress");
        }
        if (!response.indicatesSuccess()) {
            throw new FederatedSignInException(IdentityError.ID_0302, "the provider did not sign the person in");
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new FederatedSignInException(IdentityError.ID_0302, "the provider did not sign the person in");
        }
        Discovered provider = discover();
        JWT idToken = exchange(provider.metadata(), code, new CodeVerifier(pending.codeVerifier()));
        return provider.idTokens().verify(idToken, pending.nonce());
    }

    private JWT exchange(OIDCProviderMetadata metadata, AuthorizationCode code, CodeVerifier verifier) {
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                new AuthorizationCodeGrant(code, settings.redirectUri(), verifier));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(timeoutMillis());
        http.setReadTimeout(timeoutMillis());
        HTTPResponse answer;
        try {
            answer = http.send();
        } catch (IOException e) {
            throw new FederatedProviderUnavailableException(e);
        }
        if (answer.getStatusCode() >= 500) {
            throw new FederatedProviderUnavailableException(null);
        }
        TokenResponse tokens;
        try {
            tokens = OIDCTokenResponseParser.parse(answer);
        } catch (ParseException e) {
            throw new FederatedSignInException(IdentityError.ID_0303, "the provider refused the code");
        }
        if (!tokens.indicatesSuccess()) {
            ErrorObject error = tokens.toErrorResponse().getErrorObject();
            if (error != null && error.getHTTPStatusCode() >= 500) {
                throw new FederatedProviderUnavailableException(null);
            }
            throw new FederatedSignInException(IdentityError.ID_0303, "the provider refused the code");
        }
        JWT idToken = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new FederatedSignInException(IdentityError.ID_0304, "ID token refused");
        }
        return idToken;
    }

    private Discovered discover() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                Issuer issuer = new Issuer(settings.issuer());
                OIDCProviderMetadata metadata;
                try {
                    metadata = OIDCProviderMetadata.resolve(issuer, timeoutMillis(), timeoutMillis());
                } catch (GeneralException | IOException e) {
                    throw new FederatedProviderUnavailableException(e);
                }
                JWKSource<SecurityContext> keys;
                try {
                    keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                                    new DefaultResourceRetriever(timeoutMillis(), timeoutMillis(), 512 * 1024))
                            .retrying(false)
                            .build();
                } catch (IOException e) {
                    throw new FederatedProviderUnavailableException(e);
                }
                discovered = new Discovered(metadata, new IdTokenCheck(settings, issuer, keys));
            }
            return discovered;
        }
    }

    private int timeoutMillis() {
        return (int) settings.timeout().toMillis();
    }
}
