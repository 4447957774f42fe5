package org.azukari.fhir.export.deid;

import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * How one wellness service names a resident in its datasets: 26 base32 characters of a keyed hash
 * of (service, resident). Its own type, so that a clinic's {@code RecipientPseudonym} and a
 * service's pseudonym are never swapped.
 */
public record ServicePseudonym(String value) {

    public static final int LENGTH = 26;
    private static final Pattern FORM = Pattern.compile("[a-z2-7]{" + LENGTH + "}");

    public ServicePseudonym {
        Objects.requireNonNull(value, "pseudonym");
        if (!FORM.matcher(value).matches()) {
            throw new BadInputException(FhirGatewayError.FG_0910, "malformed service pseudonym");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
