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
     * @param categories what the recipient may receive: the grant's categories, less those a
     *                   never-share mark covers as a whole
     * @param withheld   the resident's finer never-share marks within those categories
     *                   ({@code MEDICAL/laboratory} under {@code MEDICAL}): the recipient does not
     *                   receive them, and the resident is told so
     * @param until      when it ends, if it does
     * @param basis      the consent or emergency access it rests on
     */
    record Grant(Recipient recipient, Purpose purpose, Set<ConsentCategory> categories,
                 Set<ConsentCategory> withheld, Optional<Instant> until, boolean emergency, ConsentVersionRef basis) {
        public Grant {
            Objects.requireNonNull(recipient);
            Objects.requireNonNull(purpose);
            categories = Set.copyOf(categories);
            withheld = Set.copyOf(withheld);
            Objects.requireNonNull(until);
            Objects.requireNonNull(basis);
        }
    }
}
