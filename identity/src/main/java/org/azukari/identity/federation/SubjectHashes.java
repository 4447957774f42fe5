package org.azukari.identity.federation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.identity.api.ProviderId;

/**
 * A provider's subject identifier reduced to hex(HMAC-SHA-256(key, provider + "|" + sub)), the
 * only form in which it is stored. The key is derived from the identity secret key (purpose
 * {@code federation/subject-hash-v1}) and is not in the database, so a stolen link table cannot be
 * matched against subjects seen elsewhere (another relying party's logs).
 */
final class SubjectHashes {

    static final String PURPOSE = "federation/subject-hash-v1";

    private final SecretKeySpec key;

    SubjectHashes(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String hash(ProviderId provider, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((provider.value() + "|" + subject)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ID-0193 HMAC-SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SubjectHashes[key=redacted]";
    }
}
