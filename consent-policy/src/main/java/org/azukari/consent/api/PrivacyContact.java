package org.azukari.consent.api;

import java.util.regex.Pattern;

/**
 * Whom a resident asks about a service's handling of their data: a name or role (1–200
 * characters) and how to reach them, an e-mail address or an {@code https://} URL (at most 300
 * characters). Anything else is refused ({@code CP-0402}), so the page can always offer it as a link.
 */
public record PrivacyContact(String name, String reach) {

    public static final int MAX_NAME = 200;
    public static final int MAX_REACH = 300;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,200}\\.[A-Za-z]{2,24}");
    private static final Pattern HTTPS = Pattern.compile("https://[A-Za-z0-9.-]{1,200}(:[0-9]{1,5})?(/[\\x21-\\x7e]*)?");

    public PrivacyContact {
        if (!AssessmentTerms.text(name, MAX_NAME) || reach == null || reach.length() > MAX_REACH
                || !(EMAIL.matcher(reach).matches() || HTTPS.matcher(reach).matches())) {
            throw new BadInputException(ConsentPolicyError.CP_0402, "a privacy contact needs a name or role and an e-mail address"
                    + " or https URL");
        }
    }

    public boolean email() {
        return EMAIL.matcher(reach).matches();
    }

    /** The reach as a link target: {@code mailto:} for an address, the URL itself otherwise. */
    public String href() {
        return email() ? "mailto:" + reach : reach;
    }
}
