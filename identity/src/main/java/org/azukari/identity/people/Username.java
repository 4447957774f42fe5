package org.azukari.identity.people;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.IdentityError;

/**
 * A sign-in name: 3-64 of {@code [a-z0-9._-]}, compared in lower case. Upper-case ASCII is
 * accepted and folded; anything else (spaces, non-ASCII look-alikes) is refused rather than
 * normalised, so two different strings never silently become the same account.
 */
public record Username(String value) {

    private static final Pattern TYPED = Pattern.compile("[A-Za-z0-9._-]{3,64}");

    public Username {
        if (value == null || !TYPED.matcher(value).matches() || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new BadInputException(IdentityError.ID_0101, "malformed username");
        }
    }

    /** As typed at registration: malformed input fails with {@code ID-0101}, a My Number with {@code ID-0105}. */
    static Username parse(String typed) {
        if (typed == null || !TYPED.matcher(typed).matches()) {
            throw new BadInputException(IdentityError.ID_0101, "malformed username");
        }
        MyNumberGuard.refuse(typed);
        return new Username(typed.toLowerCase(Locale.ROOT));
    }

    /** As typed at sign-in: anything malformed is simply no account. */
    static Optional<Username> lenient(String typed) {
        return typed != null && TYPED.matcher(typed).matches()
                ? Optional.of(new Username(typed.toLowerCase(Locale.ROOT))) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
