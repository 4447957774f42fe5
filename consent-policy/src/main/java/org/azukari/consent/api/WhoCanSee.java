package org.azukari.consent.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Who can see my data, and why" (mission point 1: the resident can see at any time how their
 * data is used): from the active consents and open emergency accesses at {@code at}.
 */
public interface WhoCanSee {

    List<Grant> whoCanSee(ResidentId resident, Instant at);

    /**
     * @param categories what the recipient may receive, before never-share marks are taken out
     * @param until      when it ends, if it does
     * @param basis      the consent or emergency access it rests on
     */
    record Grant(Recipient recipient, Purpose purpose, Set<ConsentCategory> categories, Optional<Instant> until,
                 boolean emergency, ConsentVersionRef basis) {
        public Grant {
            Objects.requireNonNull(recipient);
            Objects.requireNonNull(purpose);
            categories = Set.copyOf(categories);
            Objects.requireNonNull(until);
            Objects.requireNonNull(basis);
        }
    }
}
