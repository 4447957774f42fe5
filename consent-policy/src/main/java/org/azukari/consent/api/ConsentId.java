package org.azukari.consent.api;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A consent's (or an emergency access's) id: random, URL-safe, and short enough for FHIR ids
 * and the access log ({@code [A-Za-z0-9._-]{1,64}}). It says nothing about the resident.
 */
public record ConsentId(String value) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ConsentId {
        Objects.requireNonNull(value);
        if (!ID.matcher(value).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0204, "malformed consent id");
        }
    }

    /** 128 random bits, base64url without padding (22 characters). */
    public static ConsentId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new ConsentId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public ConsentVersionRef version(int version) {
        return new ConsentVersionRef(value, version);
    }

    @Override
    public String toString() {
        return value;
    }
}
