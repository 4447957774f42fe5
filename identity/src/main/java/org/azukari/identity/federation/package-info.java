/**
 * Sign-up and sign-in through OpenID Connect providers (the national My Number card
 * authentication, a city's digital ID), as a relying party built on Nimbus OAuth 2.0 SDK: the
 * authorization code flow with PKCE, {@code state} and {@code nonce}, ID tokens verified against the
 * provider's JWKS ({@link org.azukari.identity.federation.OidcClient}); the city's rule for which
 * kind of account a first sign-in creates ({@link org.azukari.identity.federation.AccountRule});
 * the keyed subject hash and the proofing evidence (JDBC); the Shiro realm that redeems
 * the one-time ticket of a verified sign-in.
 */
package org.azukari.identity.federation;
