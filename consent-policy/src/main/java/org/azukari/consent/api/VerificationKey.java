package org.azukari.consent.api;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;

/**
 * A public key that verifies the bank's signatures (checkpoints, release receipts): its id is the
 * prefix of the signatures it verifies ({@code local:v1}, {@code vault:v2}), the JCA algorithm
 * ({@code SHA256withECDSA}: the signature after the prefix is base64 of a DER ECDSA signature over
 * the payload), and the key as an X.509 SubjectPublicKeyInfo.
 */
public record VerificationKey(String keyId, String algorithm, byte[] subjectPublicKeyInfo) {

    public VerificationKey {
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(algorithm);
        subjectPublicKeyInfo = subjectPublicKeyInfo.clone();
    }

    @Override
    public byte[] subjectPublicKeyInfo() {
        return subjectPublicKeyInfo.clone();
    }

    /** The key as a JCA EC public key. */
    public PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (java.security.GeneralSecurityException e) {
            throw new BadStateException(ConsentPolicyError.CP_0401, "a verification key is not an EC public key", e);
        }
    }

    /** Whether {@code signature} (prefix and base64 DER) was made with this key over {@code payload}. */
    public boolean verifies(byte[] payload, String signature) {
        if (signature == null || !signature.startsWith(keyId + ":")) {
            return false;
        }
        try {
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(publicKey());
            verifier.update(payload);
            return verifier.verify(java.util.Base64.getDecoder().decode(signature.substring(keyId.length() + 1)));
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new BadStateException(ConsentPolicyError.CP_0401, "cannot verify with " + algorithm, e);
        }
    }
}
