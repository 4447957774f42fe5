package org.azukari.consent.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
     * What the decision point answered: a {@link Permit} or a {@link Deny}, each with a reason from
     * a closed set (the access log keeps its {@link #reasonCode() code}).
     */
    sealed interface Decision permits Permit, Deny {

        /** The reason's stable code, as the access log keeps it ({@code consent-permit}, {@code never-share}, …). */
        String reasonCode();

        default boolean permit() {
            return this instanceof Permit;
        }

        /** The asked categories that may be released (none on a deny). */
        Set<ConsentCategory> permitted();

        /** On a permit, the resident's never-share marks that touch the question (none on a deny). */
        Set<ConsentCategory> withheld();

        /** The consents (or emergency accesses) the permit rests on, id and version (none on a deny). */
        List<ConsentVersionRef> reliedOn();

        /** Whether the permit needed an emergency access. */
        boolean emergency();

        /**
         * Whether a record of this kind may be released under this decision: a permitted category
         * covers it and no never-share mark does. Every path that lets data out asks this, so a
         * mark holds wherever the data flows.
         */
        boolean releases(ConsentCategory record);
    }

    /** Why a permit was given: a consent, an emergency access, or both for different categories. */
    enum PermitReason {
        CONSENT("consent-permit"),
        EMERGENCY_ACCESS("emergency-access"),
        CONSENT_AND_EMERGENCY_ACCESS("consent-and-emergency-access");

        private final String code;

        PermitReason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public boolean emergency() {
            return this != CONSENT;
        }

        /** The reason whose code this is, if any (an access-log entry's reason may be of another kind). */
        public static Optional<PermitReason> ofCode(String code) {
            return Arrays.stream(values()).filter(reason -> reason.code.equals(code)).findFirst();
        }
    }

    /** The closest miss of a deny (most informative first, see {@code DefaultConsentDecisionPoint}). */
    enum DenyReason {
        NEVER_SHARE("never-share"),
        CATEGORY_NOT_COVERED("category-not-covered"),
        CONSENT_WITHDRAWN("consent-withdrawn"),
        CONSENT_EXPIRED("consent-expired"),
        EMERGENCY_EXPIRED("emergency-expired"),
        WRONG_PURPOSE("wrong-purpose"),
        WRONG_RECIPIENT("wrong-recipient"),
        NO_CONSENT("no-consent");

        private final String code;

        DenyReason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * @param permitted the asked categories that may be released (never empty)
     * @param withheld  the resident's never-share marks that touch the question: a finer mark
     *                  ({@code MEDICAL/laboratory}) under a permitted whole category ({@code MEDICAL})
     *                  withholds the records it covers although the category is permitted
     * @param reliedOn  the consents (or emergency accesses) the permit rests on, id and version
     */
    record Permit(Set<ConsentCategory> permitted, Set<ConsentCategory> withheld, List<ConsentVersionRef> reliedOn,
                  PermitReason reason) implements Decision {
        public Permit {
            permitted = Set.copyOf(permitted);
            withheld = Set.copyOf(withheld);
            reliedOn = List.copyOf(reliedOn);
            Objects.requireNonNull(reason);
            if (permitted.isEmpty()) {
                throw new BadInputException(ConsentPolicyError.CP_0213, "a permit permits at least one category");
            }
        }

        /** A permit no never-share mark touches (for fakes in the tests of code above this seam). */
        public Permit(Set<ConsentCategory> permitted, List<ConsentVersionRef> reliedOn, PermitReason reason) {
            this(permitted, Set.of(), reliedOn, reason);
        }

        @Override
        public String reasonCode() {
            return reason.code();
        }

        @Override
        public boolean emergency() {
            return reason.emergency();
        }

        @Override
        public boolean releases(ConsentCategory record) {
            return permitted.stream().anyMatch(p -> p.covers(record))
                    && withheld.stream().noneMatch(mark -> mark.covers(record));
        }
    }

    record Deny(DenyReason reason) implements Decision {
        public Deny {
            Objects.requireNonNull(reason);
        }

        @Override
        public String reasonCode() {
            return reason.code();
        }

        @Override
        public Set<ConsentCategory> permitted() {
            return Set.of();
        }

        @Override
        public Set<ConsentCategory> withheld() {
            return Set.of();
        }

        @Override
        public List<ConsentVersionRef> reliedOn() {
            return List.of();
        }

        @Override
        public boolean emergency() {
            return false;
        }

        @Override
        public boolean releases(ConsentCategory record) {
            return false;
        }
    }
}
