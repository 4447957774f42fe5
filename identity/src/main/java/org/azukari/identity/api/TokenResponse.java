package org.azukari.identity.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a token request: {@link Issued}, {@link Refused} or {@link Unavailable}, never a
 * null. The web edge writes {@link #body()} as JSON with the {@link #httpStatus()},
 * {@code Cache-Control: no-store} and {@code Pragma: no-cache}; for {@code invalid_client} it adds
 * {@code WWW-Authenticate}, for {@link Unavailable} {@code Retry-After}.
 */
public sealed interface TokenResponse {

    int httpStatus();

    /** The JSON members, in RFC 6749 order. */
    Map<String, Object> body();

    /** An access token. {@code toString()} leaves the token out. */
    record Issued(String accessToken, long expiresIn, SmartScopes scope) implements TokenResponse {

        public static final String TOKEN_TYPE = "bearer";

        public Issued {
            Objects.requireNonNull(accessToken);
            Objects.requireNonNull(scope);
        }

        @Override
        public int httpStatus() {
            return 200;
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", accessToken);
            body.put("token_type", TOKEN_TYPE);
            body.put("expires_in", expiresIn);
            body.put("scope", scope.text());
            return body;
        }

        @Override
        public String toString() {
            return "Issued[accessToken=redacted, expiresIn=" + expiresIn + ", scope=" + scope.text() + "]";
        }
    }

    /** An OAuth error with its fixed description. */
    record Refused(OAuthError error) implements TokenResponse {

        public Refused {
            Objects.requireNonNull(error);
        }

        @Override
        public int httpStatus() {
            return error.httpStatus();
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error.code());
            body.put("error_description", error.description());
            return body;
        }
    }

    /**
     * The bank could not check the client or spend the assertion's id (its store did not answer,
     * {@code ID-0268}). Not a refusal: the assertion may be valid; nothing was issued, and the
     * client sends a fresh assertion later. 503, {@code temporarily_unavailable} (RFC 6749's word
     * for it).
     */
    record Unavailable() implements TokenResponse {

        public static final String ERROR = "temporarily_unavailable";

        @Override
        public int httpStatus() {
            return 503;
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", ERROR);
            body.put("error_description", "the token service is unavailable; try again later");
            return body;
        }
    }
}
