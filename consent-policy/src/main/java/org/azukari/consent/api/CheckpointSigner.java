package org.azukari.consent.api;

/**
 * Signs and verifies access-log checkpoints with a key the bank holds in its key vault
 * (Vault/OpenBao transit, or the local key vault in the embedded default). Implemented in
 * trust-bank, which owns the key vaults; the log only sees this seam.
 */
public interface CheckpointSigner {

    /** A signature over {@code payload}, in the signer's own text form (e.g. {@code vault:v1:...}). */
    String sign(byte[] payload);

    boolean verify(byte[] payload, String signature);

    /** Which key signed, for the record (e.g. {@code transit:accesslog-checkpoints}). */
    String keyName();

    /**
     * The public keys that verify this signer's signatures, every version still accepted, for
     * anyone to check a checkpoint or receipt without the bank ({@code /.well-known/azukari-receipt-keys}).
     */
    java.util.List<VerificationKey> verificationKeys();
}
