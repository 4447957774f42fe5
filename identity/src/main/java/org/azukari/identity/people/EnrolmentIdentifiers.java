package org.azukari.identity.people;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.identity.api.IdentityError;

/**
 * A source's identifier for a person, checked and reduced to
 * hex(HMAC-SHA-256(enrolment key, system + "|" + value)). Without the key (which is not in the
 * database) a stolen link table cannot be matched against a list of MRNs or insurance numbers.
 */
final class EnrolmentIdentifiers {

    /** An absolute URI (urn:oid:..., https://...), no spaces; FHIR's Identifier.system. */
    private static final Pattern SYSTEM = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:[\\x21-\\x7e]{1,240}");
    /**
     * Identifier.value after NFKC normalisation: printable characters (Japanese insurance member
     * ids hold kana and full-width digits, e.g. {@code 00012345:あいう:１８７:05}), no controls or
     * invisible format characters, no outer spaces, at most 64.
     */
    private static final Pattern VALUE = Pattern.compile("[^\\p{C}\\p{Z}]([^\\p{C}\\p{Zl}\\p{Zp}]{0,62}[^\\p{C}\\p{Z}])?");

    private final SecretKeySpec key;

    EnrolmentIdentifiers(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Refuses a malformed system or value, and a value that is a My Number: it is never linked, not even hashed. */
    static void check(String system, String value) {
        if (system == null || !SYSTEM.matcher(system).matches()) {
            throw new BadInputException(IdentityError.ID_0130, "malformed identifier system");
        }
        MyNumberGuard.refuseAsIdentifier(value);
        if (value == null || !VALUE.matcher(normalised(value)).matches()) {
            throw new BadInputException(IdentityError.ID_0131, "malformed identifier value");
        }
    }

    String hash(String system, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((system + "|" + normalised(value))
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new BadStateException(IdentityError.ID_0193, "HMAC-SHA-256 unavailable", e);
        }
    }

    /** NFKC: the full-width and half-width forms a card and a hospital system may differ in hash alike. */
    static String normalised(String value) {
        return java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC);
    }

    @Override
    public String toString() {
        return "EnrolmentIdentifiers[key=redacted]";
    }
}
