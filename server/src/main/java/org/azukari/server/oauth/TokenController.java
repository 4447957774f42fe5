package org.azukari.server.oauth;

import java.util.Map;
import org.azukari.identity.api.OAuthError;
import org.azukari.identity.api.TokenRequest;
import org.azukari.identity.api.TokenResponse;
import org.azukari.identity.api.TokenService;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMART Backend Services' token endpoint at the web edge (discovery is served beside the FHIR
 * server, in fhir-gateway). Translates HTTP to {@link TokenService} and back; every decision is
 * the token service's.
 */
@RestController
class TokenController {

    /** What a 503 asks the client to wait before it sends a fresh assertion. */
    static final String RETRY_AFTER_SECONDS = "30";

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form) {
        return answer(tokens.token(TokenRequest.fromForm(form)));
    }

    /** Anything but a form is an invalid request, answered the OAuth way rather than with a 415 page. */
    @PostMapping(path = "/oauth/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> notAForm() {
        return answer(new TokenResponse.Refused(OAuthError.INVALID_REQUEST));
    }

    private static ResponseEntity<Map<String, Object>> answer(TokenResponse response) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.httpStatus())
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (response instanceof TokenResponse.Refused refused && refused.error() == OAuthError.INVALID_CLIENT) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_client\"");
        }
        if (response instanceof TokenResponse.Unavailable) {
            builder.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return builder.body(response.body());
    }
}
