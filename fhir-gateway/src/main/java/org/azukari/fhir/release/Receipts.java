package org.azukari.fhir.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * Signed receipts of releases. A receipt is canonical JSON (keys sorted, no white space,
 * UTF-8) of: type {@code azukari-release-receipt/v1}, receiptId, recipient, purpose, consents
 * (id and version), categories, resourceCount, bodySha256 (hex, of the exact response bytes),
 * issuedAt, requestId, emergency, signingKey. The bank signs those bytes with its
 * {@link CheckpointSigner} (the access log's key: a transit key in Vault/OpenBao, or the local
 * key file; the {@code type} member keeps receipts and checkpoints apart). {@code signingKey} is
 * the {@code kid} under which {@code /.well-known/azukari-receipt-keys} publishes the key that
 * made the signature (which is also the signature's prefix). The recipient gets both in
 * headers; the resident's copy is kept in {@code fg_release_receipt}. A receipt that cannot be
 * signed or kept is a 503 (FG-0714): nothing is sent, and the release's access-log entry is
 * followed by one saying it failed.
 */
public final class Receipts {

    public static final String TYPE = "azukari-release-receipt/v1";

    private final CheckpointSigner signer;
    private final ReceiptStore store;
    private final ReleaseLog log;
    private final Clock clock;
    /** The kid the signer signed with last; a rotation shows as a signature under another one. */
    private volatile String signingKey = "";

    public Receipts(CheckpointSigner signer, ReceiptStore store, AccessLog accessLog, Clock clock) {
        this.signer = signer;
        this.store = store;
        this.log = new ReleaseLog(accessLog);
        this.clock = clock;
    }

    /** A signed receipt: its canonical JSON and the signature over its UTF-8 bytes. */
    public record Signed(String json, String signature) {

        /** The {@code X-Azukari-Receipt} header: base64url (no padding) of the JSON. */
        public String header() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    public Signed issue(ReceiptFacts facts, byte[] body) {
        try {
            return signedAndKept(facts, body);
        } catch (RuntimeException e) {
            log.failed(facts.caller(), facts.resident(), facts.action(), facts.reliedOn());
            throw new ReleaseRefusedException(503, FhirGatewayError.FG_0714, "receipts cannot be signed or kept; nothing was released");
        }
    }

    private Signed signedAndKept(ReceiptFacts facts, byte[] body) {
        Map<String, Object> receipt = new TreeMap<>();
        receipt.put("type", TYPE);
        receipt.put("receiptId", UUID.randomUUID().toString());
        receipt.put("recipient", facts.caller().organisation());
        receipt.put("purpose", facts.caller().purpose().code());
        receipt.put("consents", facts.reliedOn().stream().map(Receipts::consent).toList());
        receipt.put("categories", List.copyOf(facts.categories()));
        receipt.put("resourceCount", facts.resourceCount());
        receipt.put("bodySha256", sha256Hex(body));
        Instant now = clock.instant();
        receipt.put("issuedAt", now.toString());
        receipt.put("requestId", facts.caller().requestId());
        receipt.put("emergency", facts.emergency());
        Signed signed = signed(receipt);
        store.save((String) receipt.get("receiptId"), facts.resident(), facts.caller().organisation(), now,
                signed.json(), signed.signature());
        return signed;
    }

    /**
     * Signs the receipt naming the key that signs it. Which key version the vault will use is known
     * for sure only from a signature, so a receipt is signed again (once) when the signature shows
     * another key than the one named — on the first receipt and after a rotation.
     */
    private Signed signed(Map<String, Object> receipt) {
        for (int attempt = 0; attempt < 2; attempt++) {
            receipt.put("signingKey", signingKey);
            String json = CanonicalJson.write(receipt);
            String signature = signer.sign(json.getBytes(StandardCharsets.UTF_8));
            String kid = keyIdOf(signature);
            if (kid.equals(signingKey)) {
                return new Signed(json, signature);
            }
            signingKey = kid;
        }
        throw new BadStateException(FhirGatewayError.FG_0714, "the signing key changed twice while signing one receipt");
    }

    /** A signature is {@code <kid>:<base64 of the DER signature>}, the kid itself holding colons ({@code vault:v2}). */
    static String keyIdOf(String signature) {
        int colon = signature == null ? -1 : signature.lastIndexOf(':');
        if (colon <= 0) {
            throw new BadStateException(FhirGatewayError.FG_0714, "a signature without its key id");
        }
        return signature.substring(0, colon);
    }

    private static Map<String, Object> consent(ConsentVersionRef ref) {
        Map<String, Object> consent = new TreeMap<>();
        consent.put("id", ref.id());
        consent.put("version", ref.version());
        return consent;
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
