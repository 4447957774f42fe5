/**
 * SMART Backend Services for system clients: the token endpoint (client credentials with a
 * {@code private_key_jwt} assertion, replay-proof by {@code jti}), the bank's signed access
 * tokens, and the Shiro realm that accepts them as {@link org.azukari.identity.api.BearerToken}s.
 *
 * <p>Reason codes recorded with {@code TOKEN_REFUSED} events (never shown to the client, whose
 * error description is fixed per OAuth error):
 * {@code ID-0250} missing parameter, {@code ID-0251} repeated parameter, {@code ID-0252}
 * unsupported grant type, {@code ID-0253} unsupported assertion type, {@code ID-0254} malformed
 * assertion, {@code ID-0255} algorithm not allowed, {@code ID-0256} unknown or inactive client,
 * {@code ID-0257} unknown key id, {@code ID-0258} bad signature, {@code ID-0259} wrong audience,
 * {@code ID-0260} expired or no {@code exp}, {@code ID-0261} {@code exp} too far ahead,
 * {@code ID-0262} missing or overlong {@code jti}, {@code ID-0263} replayed {@code jti},
 * {@code ID-0264} malformed scope, {@code ID-0265} no scope granted, {@code ID-0266}
 * {@code iss} differs from {@code sub}, {@code ID-0267} not yet valid ({@code nbf}/{@code iat}
 * in the future), {@code ID-0269} a scope naming {@code AuditEvent} asked by a client that is not
 * an audit system; for access tokens at the realm {@code ID-0270} malformed, {@code ID-0271} bad
 * header or signature, {@code ID-0272} wrong issuer or audience, {@code ID-0273} expired,
 * {@code ID-0274} bad claims, {@code ID-0275} client unknown, inactive or changed.
 * {@code ID-0240} marks an issued token. Not refusals: {@code ID-0268} the token endpoint's store
 * did not answer (503 {@code temporarily_unavailable}), {@code ID-0276} a bearer token's client
 * could not be looked up (503) — see {@link org.azukari.identity.api.IdentityUnavailableException}.
 */
package org.azukari.identity.oauth;
