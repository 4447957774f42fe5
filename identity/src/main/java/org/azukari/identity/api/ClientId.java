package org.azukari.identity.api;

import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;

/** An OAuth client (a system acting for an organisation): its {@code client_id}. */
public record ClientId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public ClientId {
        Objects.requireNonNull(value, "client id");
        if (!FORMAT.matcher(value).matches()) {
            throw new BadInputException(IdentityError.ID_0002, "malformed client id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
