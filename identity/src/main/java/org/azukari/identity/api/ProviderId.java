package org.azukari.identity.api;

import java.util.regex.Pattern;

/**
 * An OpenID Connect provider the bank lets people sign in with, as named in the configuration
 * ({@code azukari.identity.federation.providers.<id>}): the national My Number card authentication,
 * a city's own digital ID. Lower-case letters, digits and hyphens, 1–32, so it fits a URL path.
 */
public record ProviderId(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public ProviderId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("ID-0300 unknown sign-in provider");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
