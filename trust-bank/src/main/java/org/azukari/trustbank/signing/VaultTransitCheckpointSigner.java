package org.azukari.trustbank.signing;

import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint signatures by an {@code ecdsa-p256} transit key ({@value #DEFAULT_KEY} unless
 * configured otherwise): {@code transit/sign/<key>} over the payload with SHA-256 and transit's
 * default ASN.1 marshaling, so a signature is transit's own text {@code vault:v<version>:<base64 DER>}.
 *
 * <p>The key is created on first contact if missing, with transit's defaults: not exportable,
 * no plaintext backup, deletion not allowed. A key that exists with another type or any of those
 * loosened is refused (TB-0602), so a checkpoint is never signed by a key that could have left
 * the vault. First contact is at construction; if the vault is unreachable then, the application
 * still starts (as the key vault does) and the key is checked before the first signature.
 *
 * <p>{@link #verify} answers false for anything that is not a valid signature by this key over
 * this payload, including text that is not transit's format (checked here, without a call); it
 * throws only when the vault cannot give an answer, since "cannot check" is not "tampered".
 */
public final class VaultTransitCheckpointSigner implements CheckpointSigner {

    public static final String DEFAULT_KEY = "accesslog-checkpoints";
    static final String KEY_TYPE = "ecdsa-p256";
    static final String HASH_ALGORITHM = "sha2-256";
    /** An ASN.1 ECDSA P-256 signature is at most 72 bytes, 96 in base64; room for a long version number. */
    private static final Pattern SIGNATURE = Pattern.compile("vault:v[1-9][0-9]{0,8}:[A-Za-z0-9+/]{1,128}={0,2}");

    private static final Logger log = LoggerFactory.getLogger(VaultTransitCheckpointSigner.class);

    private final VaultTransitSigning transit;
    private final String key;
    private volatile boolean keyChecked;

    public VaultTransitCheckpointSigner(VaultKeyVaultSettings settings) {
        this(settings, DEFAULT_KEY);
    }

    public VaultTransitCheckpointSigner(VaultKeyVaultSettings settings, String key) {
        this.transit = new VaultTransitSigning(Objects.requireNonNull(settings, "vault settings"), key);
        this.key = key;
        try {
            checkKey();
        } catch (KeyVaultUnavailableException e) {
            log.warn("Checkpoint signing key {} not checked at start-up: {}", key, e.getMessage());
        }
    }

    @Override
    public String sign(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        checkKey();
        String signature = transit.sign(payload, HASH_ALGORITHM);
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            throw new BadStateException(TrustBankError.TB_0105, "key vault answer malformed (sign, signing key " + key + ")");
        }
        return signature;
    }

    @Override
    public boolean verify(byte[] payload, String signature) {
        if (payload == null || signature == null || !SIGNATURE.matcher(signature).matches()) {
            return false;
        }
        checkKey();
        return transit.verify(payload, signature, HASH_ALGORITHM);
    }

    /** Transit's public key of every version (PEM), under the prefix its signatures carry ({@code vault:vN}). */
    @Override
    public java.util.List<org.azukari.consent.api.VerificationKey> verificationKeys() {
        checkKey();
        java.util.List<org.azukari.consent.api.VerificationKey> keys = new java.util.ArrayList<>();
        transit.publicKeys().forEach((version, pem) -> keys.add(new org.azukari.consent.api.VerificationKey(
                "vault:v" + version, "SHA256withECDSA", der(pem))));
        return keys;
    }

    private static byte[] der(String pem) {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return java.util.Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new BadStateException(TrustBankError.TB_0105, "key vault answer malformed (public key of signing key)");
        }
    }

    @Override
    public String keyName() {
        return "transit:" + key;
    }

    private void checkKey() {
        if (keyChecked) {
            return;
        }
        synchronized (this) {
            if (keyChecked) {
                return;
            }
            VaultTransitSigning.KeySettings settings = transit.readOrCreateKey(KEY_TYPE);
            if (!KEY_TYPE.equals(settings.type()) || settings.exportable() || settings.allowPlaintextBackup()
                    || settings.deletionAllowed()) {
                throw new BadStateException(TrustBankError.TB_0602, "checkpoint signing key " + key
                        + " exists with unsafe settings (must be " + KEY_TYPE
                        + ", not exportable, no plaintext backup, deletion not allowed)");
            }
            keyChecked = true;
        }
    }

    @Override
    public String toString() {
        return "VaultTransitCheckpointSigner[" + keyName() + "]";
    }
}
