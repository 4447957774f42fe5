package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed checkpoint as the database copy holds it: {@code HEAD} ("this sequence was the head with
 * this hash") or {@code RETIRED} (entries up to it removed by retention), when it was signed, the
 * signing key's name and the signature. {@link #keyId()} is the signature's prefix, the id under
 * which {@code /.well-known/azukari-receipt-keys} publishes the public key that verifies it.
 */
public record SignedCheckpoint(String kind, long sequence, String hash, Instant signedAt, String keyName,
                               String signature) {

    public SignedCheckpoint {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(hash);
        Objects.requireNonNull(signedAt);
        Objects.requireNonNull(keyName);
        Objects.requireNonNull(signature);
    }

    /** The signature's key id ({@code vault:v1}, {@code local:v1}): everything before its last colon. */
    public String keyId() {
        int colon = signature.lastIndexOf(':');
        return colon > 0 ? signature.substring(0, colon) : "";
    }

    /** Where a listing continues after this checkpoint. */
    public CheckpointCursor cursor() {
        return new CheckpointCursor(sequence, kind);
    }

    /** A position in the newest-first listing: sequence descending, then kind. */
    public record CheckpointCursor(long sequence, String kind) {

        public CheckpointCursor {
            if (sequence < 0 || kind == null || !(kind.equals("HEAD") || kind.equals("RETIRED"))) {
                throw new BadInputException(ConsentPolicyError.CP_0172, "a checkpoint cursor is a sequence and HEAD or RETIRED");
            }
        }

        /** {@code <sequence>-<kind>}, as a page link carries it. */
        public String token() {
            return sequence + "-" + kind;
        }

        public static CheckpointCursor parse(String token) {
            int dash = token == null ? -1 : token.indexOf('-');
            if (dash < 1 || dash > 19) {
                throw new BadInputException(ConsentPolicyError.CP_0172, "a checkpoint cursor is a sequence and HEAD or RETIRED");
            }
            try {
                return new CheckpointCursor(Long.parseLong(token.substring(0, dash)), token.substring(dash + 1));
            } catch (NumberFormatException e) {
                throw new BadInputException(ConsentPolicyError.CP_0172, "a checkpoint cursor is a sequence and HEAD or RETIRED");
            }
        }
    }
}
