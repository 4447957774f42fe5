package org.azukari.identity.api;

import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;

/** A registered organisation (hospital, clinic, care provider, payment provider, wellness service). */
public record OrganisationId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public OrganisationId {
        Objects.requireNonNull(value, "organisation id");
        if (!FORMAT.matcher(value).matches()) {
            throw new BadInputException(IdentityError.ID_0001, "malformed organisation id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
