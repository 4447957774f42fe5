package org.azukari.consent.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A purpose of use that an organisation may ask for and a resident may consent to, by code
 * (for example {@code treatment}, {@code health-advice}). Its Japanese and English wording
 * lives in the purpose registry.
 */
public record Purpose(String code) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    public Purpose {
        Objects.requireNonNull(code, "purpose");
        if (!CODE.matcher(code).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0002, "malformed purpose code");
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
