package org.azukari.trustbank.signing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.Objects;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.keys.local.LocalMasterKey;

/**
 * Checkpoint signatures for the embedded default: an ECDSA P-256 key pair in
 * {@code <data dir>/checkpoint-signing.key}, sealed under the local key vault's master key
 * ({@link SigningKeyFile}), created on first start. A signature is
 * {@code local:v1:<base64 of the DER ECDSA signature over SHA-256(payload)>}; the {@code v1} is
 * the format, not a key version (the local key is not rotated).
 *
 * <p>{@link #verify} answers false for anything that is not a valid signature by this key over
 * this payload (another key, a flipped bit, malformed text) and never throws for the input.
 */
public final class LocalCheckpointSigner implements CheckpointSigner {

    public static final String KEY_FILE_NAME = "checkpoint-signing.key";
    static final String ALGORITHM = "SHA256withECDSA";
    private static final String PREFIX = "local:v1:";
    /** A DER ECDSA P-256 signature is at most 72 bytes, 96 characters in base64. */
    private static final int MAX_SIGNATURE_TEXT = PREFIX.length() + 96;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    /** Loads the key pair from {@code keyFile}, creating it (mode 0600) if it does not exist. */
    public LocalCheckpointSigner(Path keyFile, LocalMasterKey masterKey) {
        KeyPair pair = SigningKeyFile.loadOrCreate(keyFile, masterKey);
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    public static LocalCheckpointSigner inDataDirectory(Path dataDir, LocalMasterKey masterKey) {
        return new LocalCheckpointSigner(dataDir.resolve(KEY_FILE_NAME), masterKey);
    }

    @Override
    public String sign(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(payload);
            return PREFIX + Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new BadStateException(TrustBankError.TB_0604, "checkpoint signing failed", e);
        }
    }

    @Override
    public boolean verify(byte[] payload, String signature) {
        if (payload == null || signature == null || !signature.startsWith(PREFIX)
                || signature.length() > MAX_SIGNATURE_TEXT) {
            return false;
        }
        try {
            byte[] der = Base64.getDecoder().decode(signature.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(payload);
            return der.length > 0 && verifier.verify(der);
        } catch (IllegalArgumentException | SignatureException e) {
            return false; // not base64, not DER, or not a valid signature: all the same answer
        } catch (GeneralSecurityException e) {
            throw new BadStateException(TrustBankError.TB_0604, "checkpoint verification unavailable", e);
        }
    }

    @Override
    public java.util.List<org.azukari.consent.api.VerificationKey> verificationKeys() {
        return java.util.List.of(new org.azukari.consent.api.VerificationKey("local:v1", ALGORITHM, publicKey.getEncoded()));
    }

    @Override
    public String keyName() {
        return "local:checkpoint-signing";
    }

    @Override
    public String toString() {
        return "LocalCheckpointSigner[" + keyName() + "]";
    }
}
