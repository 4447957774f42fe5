package org.azukari.identity.api;

import java.util.Objects;

/**
 * One registered public key of a client: its {@code kid} (unique per client), key type
 * ({@code RSA} or {@code EC}) and the public JWK as JSON, re-serialised from the parsed key so
 * that nothing but public members is kept.
 */
public record ClientKey(String keyId, String keyType, String publicJwk) {

    public ClientKey {
        Objects.requireNonNull(keyId, "kid");
        Objects.requireNonNull(keyType, "key type");
        Objects.requireNonNull(publicJwk, "public jwk");
    }

    @Override
    public String toString() {
        return "ClientKey[kid=" + keyId + ", kty=" + keyType + "]";
    }
}
