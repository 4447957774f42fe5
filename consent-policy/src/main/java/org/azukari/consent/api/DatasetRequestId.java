package org.azukari.consent.api;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/** A dataset request's id: random, URL-safe, usable as a FHIR Group id ({@code [A-Za-z0-9-]{1,64}}). */
public record DatasetRequestId(String value) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public DatasetRequestId {
        Objects.requireNonNull(value);
        if (!ID.matcher(value).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0301, "malformed dataset request id");
        }
    }

    /** 128 random bits, base64url without padding or underscores ({@code -} kept, {@code _} replaced). */
    public static DatasetRequestId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new DatasetRequestId("ds-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('_', 'z'));
    }

    @Override
    public String toString() {
        return value;
    }
}
