package org.azukari.identity.api;

/**
 * The token endpoint of SMART Backend Services: OAuth 2.0 client credentials with a
 * {@code private_key_jwt} client assertion (RS384 or ES384) from a registered system client.
 * Every outcome is recorded as a {@code TOKEN_ISSUED} or {@code TOKEN_REFUSED} security event.
 */
public interface TokenService {

    TokenResponse token(TokenRequest request);
}
