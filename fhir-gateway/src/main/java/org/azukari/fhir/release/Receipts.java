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
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.ConsentVersionRef;

/**
 * Signed receipts of releases. A receipt is canonical JSON (keys sorted, no white space,
 * UTF-8) of: type {@code azukari-release-receipt/v1}, receiptId, recipient, purpose, consents
 * (id and version), categories, resourceCount, bodySha256 (hex, of the exact response bytes),
 * issuedAt, requestId, emergency, signingKey. The bank signs those bytes with its
 * {@link CheckpointSigner} (the access log's key: a transit key in Vault/OpenBao, or the local
 * key file; the {@code type} member keeps receipts and checkpoints apart). The recipient gets
 * both in headers; the resident's copy is kept in {@code fg_release_receipt}.
 */
public final class Receipts {

    public static final String TYPE = "azukari-release-receipt/v1";

    private final CheckpointSigner signer;
    private final ReceiptStore store;
    private final Clock clock;

    public Receipts(CheckpointSigner signer, ReceiptStore store, Clock clock) {
        this.signer = signer;
        this.store = store;
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
        receipt.put("signingKey", signer.keyName());
        String json = CanonicalJson.write(receipt);
        String signature;
        try {
            signature = signer.sign(json.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ReleaseRefusedException(503, "FG-0714", "receipts cannot be signed; nothing was released");
        }
        store.save((String) receipt.get("receiptId"), facts.resident(), facts.caller().organisation(), now, json, signature);
        return new Signed(json, signature);
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
