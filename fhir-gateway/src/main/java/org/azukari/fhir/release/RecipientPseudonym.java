package org.azukari.fhir.release;

import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * How one recipient organisation names a resident: 26 base32 characters of a keyed hash of
 * (recipient, resident). Stable for one recipient, unlinkable across recipients without the key;
 * used as the recipient's {@code Patient} id.
 */
public record RecipientPseudonym(String value) {

    public static final int LENGTH = 26;
    private static final Pattern FORM = Pattern.compile("[a-z2-7]{" + LENGTH + "}");

    public RecipientPseudonym {
        Objects.requireNonNull(value, "pseudonym");
        if (!FORM.matcher(value).matches()) {
            throw new BadInputException(FhirGatewayError.FG_0701, "malformed recipient pseudonym");
        }
    }

    /** Whether {@code text} has the form of a pseudonym (an unknown one is still a 404, never a 400). */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
