package org.azukari.consent.api;

import java.util.regex.Pattern;

/**
 * Who asked for a verification of the access log: an auditor's account id, or {@link #CLI} for the
 * {@code audit verify} command (run by whoever can start the bank's jar on its host).
 */
public record VerifiedBy(String value) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final VerifiedBy CLI = new VerifiedBy("cli");

    public VerifiedBy {
        if (value == null || !ID.matcher(value).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0171, "a verifier is an account id or cli");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
