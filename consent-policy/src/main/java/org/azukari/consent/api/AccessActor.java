package org.azukari.consent.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who acted, by ids only: the kind of principal (e.g. {@code RESIDENT}, {@code CLINIC_EMR}),
 * the account or client id (or {@code unknown}, {@code system}), the organisation and client.
 * Never a name, a username that did not resolve, or a credential.
 */
public record AccessActor(String kind, String id, Optional<String> organisation, Optional<String> client) {

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]{1,31}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AccessActor {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(client);
        if (!KIND.matcher(kind).matches() || !ID.matcher(id).matches()
                || organisation.filter(o -> !ID.matcher(o).matches()).isPresent()
                || client.filter(c -> !ID.matcher(c).matches()).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0101, "malformed access-log actor");
        }
    }

    /** The bank itself (start-up jobs, erasure replay, retention). */
    public static AccessActor bank() {
        return new AccessActor("BANK", "system", Optional.empty(), Optional.empty());
    }
}
