package org.azukari.identity.api;

import java.util.Objects;
import org.apache.shiro.authc.AuthenticationToken;
import org.azukari.consent.api.BadInputException;

/**
 * An access token presented as {@code Authorization: Bearer ...}, handed to the bearer-token
 * realm. The token text never appears in {@link #toString()} or in logs.
 */
public final class BearerToken implements AuthenticationToken {

    /** Far above a signed JWT access token of ours; a longer header is refused before parsing. */
    public static final int MAX_LENGTH = 8192;

    private final String token;

    public BearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new BadInputException(IdentityError.ID_0010, "malformed bearer token");
        }
        this.token = token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
