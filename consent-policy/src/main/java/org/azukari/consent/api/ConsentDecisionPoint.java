package org.azukari.consent.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The single place that decides whether a resident's data may go to a recipient for a purpose.
 * Deny by default. Reads the current consents, never-share marks and emergency accesses on every
 * call (no cache), so a withdrawal counts for the very next request. Fails closed: when the
 * consent store cannot be read it throws {@link ConsentUnavailableException}, never permits.
 */
public interface ConsentDecisionPoint {

    Decision decide(Question question);

    /**
     * @param categories the kinds of record asked for; the answer says which of them are permitted
     */
    record Question(Recipient recipient, Purpose purpose, ResidentId resident, Set<ConsentCategory> categories,
                    Instant at) {
        public Question {
            Objects.requireNonNull(recipient);
            Objects.requireNonNull(purpose);
            Objects.requireNonNull(resident);
            categories = Set.copyOf(categories);
            Objects.requireNonNull(at);
        }
    }

    /**
     * @param permitted the asked categories that may be released (empty on a deny)
     * @param withheld  on a permit, the resident's never-share marks that touch the question: a
     *                  finer mark ({@code MEDICAL/laboratory}) under a permitted whole category
     *                  ({@code MEDICAL}) withholds the records it covers although the category is
     *                  permitted (empty on a deny: nothing is released anyway)
     * @param reliedOn  the consents (or emergency accesses) the permit rests on, id and version
     * @param reason    a stable code: {@code consent-permit}, {@code emergency-access}, {@code no-consent},
     *                  {@code consent-expired}, {@code consent-withdrawn}, {@code wrong-purpose},
     *                  {@code wrong-recipient}, {@code category-not-covered}, {@code never-share}, ...
     */
    record Decision(boolean permit, Set<ConsentCategory> permitted, Set<ConsentCategory> withheld,
                    List<ConsentVersionRef> reliedOn, String reason, boolean emergency) {
        public Decision {
            permitted = Set.copyOf(permitted);
            withheld = Set.copyOf(withheld);
            reliedOn = List.copyOf(reliedOn);
            Objects.requireNonNull(reason);
        }

        /** A decision no never-share mark touches (for fakes in the tests of code above this seam). */
        public Decision(boolean permit, Set<ConsentCategory> permitted, List<ConsentVersionRef> reliedOn,
                        String reason, boolean emergency) {
            this(permit, permitted, Set.of(), reliedOn, reason, emergency);
        }

        /**
         * Whether a record of this kind may be released under this decision: a permitted category
         * covers it and no never-share mark does. Every path that lets data out asks this, so a
         * mark holds wherever the data flows.
         */
        public boolean releases(ConsentCategory record) {
            return permit && permitted.stream().anyMatch(p -> p.covers(record))
                    && withheld.stream().noneMatch(mark -> mark.covers(record));
        }
    }
}
