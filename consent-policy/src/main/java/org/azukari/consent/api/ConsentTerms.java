package org.azukari.consent.api;

import java.util.Objects;
import java.util.Set;

/** What a consent is about: which recipient, for which purpose, which kinds of data, when. */
public record ConsentTerms(Recipient recipient, Purpose purpose, Set<ConsentCategory> categories,
                           ConsentPeriod period) {

    public ConsentTerms {
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(period);
        categories = Set.copyOf(Objects.requireNonNull(categories));
        if (categories.isEmpty()) {
            throw new BadInputException(ConsentPolicyError.CP_0211, "a consent names at least one data category");
        }
    }
}
