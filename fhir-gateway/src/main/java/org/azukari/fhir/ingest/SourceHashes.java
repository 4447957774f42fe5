package org.azukari.fhir.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadStateException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.OrganisationId;

/**
 * Keyed hashes (HMAC-SHA-256) of source ids, identifiers and contents: equal inputs give equal
 * hashes for lookups, but without the key nobody can test a guessed patient number against them.
 */
public final class SourceHashes {

    static final String PURPOSE = "gateway/source-ref-hash-v1";

    private final SecretKeySpec key;

    public SourceHashes(BankSecrets secrets) {
        this(secrets.derive(PURPOSE));
    }

    SourceHashes(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public byte[] ref(OrganisationId source, SourceRef ref) {
        return hash("ref|" + source.value() + "|" + ref.type() + "|" + ref.id());
    }

    public byte[] identifier(OrganisationId source, String type, String system, String value) {
        return hash("identifier|" + source.value() + "|" + type + "|" + system + "|" + value);
    }

    public byte[] content(byte[] canonicalJson) {
        return mac().doFinal(canonicalJson);
    }

    private byte[] hash(String text) {
        return mac().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.FG_0091, "HMAC-SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SourceHashes[redacted]";
    }
}
