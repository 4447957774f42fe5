package org.azukari.accesslog;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.azukari.consent.api.CheckpointSigner;

/** A real ECDSA P-256 signer (JCA), standing in for the key vault's transit key. */
public final class TestSigner implements CheckpointSigner {

    private static final String PREFIX = "test:v1:";
    private final KeyPair keys;

    public TestSigner() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String sign(byte[] payload) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(payload);
            return PREFIX + Base64.getEncoder().encodeToString(ecdsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(byte[] payload, String signature) {
        if (!signature.startsWith(PREFIX)) {
            return false;
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(keys.getPublic());
            ecdsa.update(payload);
            return ecdsa.verify(Base64.getDecoder().decode(signature.substring(PREFIX.length())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public java.util.List<org.azukari.consent.api.VerificationKey> verificationKeys() {
        return java.util.List.of(new org.azukari.consent.api.VerificationKey("test:v1", "SHA256withECDSA",
                keys.getPublic().getEncoded()));
    }

    @Override
    public String keyName() {
        return "test:accesslog-checkpoints";
    }
}
