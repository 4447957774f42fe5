package org.azukari.consent.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who data is released to: an organisation (by its registered id, the same text as identity's
 * {@code OrganisationId}) or one service of it (e.g. {@code clinic-a} / {@code telehealth}).
 * A consent for one service does not cover another service of the same organisation; a consent
 * for the organisation as a whole covers all its services.
 */
public record Recipient(String organisation, Optional<String> service) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public Recipient {
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(service);
        if (!ID.matcher(organisation).matches() || service.filter(s -> !ID.matcher(s).matches()).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0201, "malformed recipient");
        }
    }

    public static Recipient organisation(String organisation) {
        return new Recipient(organisation, Optional.empty());
    }

    /** Whether a consent granted to this recipient covers a request from {@code asking}. */
    public boolean covers(Recipient asking) {
        return organisation.equals(asking.organisation) && (service.isEmpty() || service.equals(asking.service));
    }

    @Override
    public String toString() {
        return organisation + service.map(s -> "/" + s).orElse("");
    }
}
