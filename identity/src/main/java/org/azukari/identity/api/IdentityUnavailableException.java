package org.azukari.identity.api;

import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ErrorCode;
import org.apache.shiro.authc.AuthenticationException;

/**
 * Who the caller is could not be checked because identity's store (the database behind the
 * accounts, the client registry, the used assertion ids, or the log a sign-in is written to) did
 * not answer. It is not a refusal: the credentials may well be valid, so the edge answers
 * {@code 503} with {@code Retry-After}, never {@code 401} or "wrong password".
 *
 * <p>It is a Shiro {@link AuthenticationException} so that Shiro hands it on unchanged from the
 * realm to the caller of {@code authenticate}/{@code login}; the edge's authentication strategy
 * lets it pass where Shiro would otherwise fold it into "no realm could authenticate". The
 * message is a stable code and a fixed phrase: {@code ID-0129} sign-in, {@code ID-0268} token
 * endpoint, {@code ID-0276} bearer-token check.
 */
public final class IdentityUnavailableException extends AuthenticationException implements Coded {

    public static final String SIGN_IN = "ID-0129";
    public static final String TOKEN_ENDPOINT = "ID-0268";
    public static final String BEARER_TOKEN = "ID-0276";

    private final IdentityError code;

    private IdentityUnavailableException(IdentityError code, String phrase, Throwable cause) {
        super(code.message(phrase), cause);
        this.code = code;
    }

    /** A person's sign-in could not be checked or recorded. */
    public static IdentityUnavailableException signIn(Throwable cause) {
        return new IdentityUnavailableException(IdentityError.ID_0129, "sign-in unavailable", cause);
    }

    /** The token endpoint could not check the client or spend the assertion's id. */
    public static IdentityUnavailableException tokenEndpoint(Throwable cause) {
        return new IdentityUnavailableException(IdentityError.ID_0268, "token service unavailable", cause);
    }

    /** A bearer token's client could not be looked up. */
    public static IdentityUnavailableException bearerToken(Throwable cause) {
        return new IdentityUnavailableException(IdentityError.ID_0276, "bearer token check unavailable", cause);
    }

    /** The stable code of the check that could not be made. */
    public String code() {
        return code.code();
    }

    @Override
    public ErrorCode errorCode() {
        return code;
    }
}
