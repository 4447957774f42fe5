package org.azukari.identity.api;

/**
 * The OAuth 2.0 token-endpoint errors (RFC 6749 section 5.2) this bank answers, with their
 * HTTP status and the one fixed description each carries. Descriptions never echo the request
 * and never tell an unknown client from a known one: every failure of client authentication
 * (unknown, inactive, wrong key, bad signature, expired, replayed) is the same
 * {@link #INVALID_CLIENT}, as SMART Backend Services requires. {@link #INVALID_GRANT} is part of
 * the vocabulary for the web edge but the client-credentials grant has no grant to be invalid, so
 * the token service does not answer it today.
 */
public enum OAuthError {
    INVALID_REQUEST("invalid_request", 400, "the request is missing a parameter or repeats one"),
    INVALID_CLIENT("invalid_client", 401, "client authentication failed"),
    INVALID_GRANT("invalid_grant", 400, "the grant is invalid"),
    INVALID_SCOPE("invalid_scope", 400, "no requested scope can be granted to this client"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400, "only client_credentials is supported");

    private final String code;
    private final int httpStatus;
    private final String description;

    OAuthError(String code, int httpStatus, String description) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.description = description;
    }

    /** The {@code error} member, e.g. {@code invalid_client}. */
    public String code() {
        return code;
    }

    /** 401 for {@code invalid_client} (send {@code WWW-Authenticate}), 400 otherwise. */
    public int httpStatus() {
        return httpStatus;
    }

    public String description() {
        return description;
    }
}
