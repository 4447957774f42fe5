package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One break-glass opening: a practitioner of {@code recipient} reached a resident's data without
 * consent, for a limited time ({@code opened} until {@code until}, exclusive) and limited kinds of
 * data. The reason is a practitioner's free text: stored and shown to the resident and the
 * reviewing operator, never logged, and left out of {@link #toString()}.
 */
public record EmergencyAccess(ConsentId id, ResidentId resident, String practitioner, Recipient recipient,
                              String reason, Set<ConsentCategory> categories, Instant opened, Instant until,
                              Optional<Review> review) {

    public static final int MIN_REASON = 10;
    public static final int MAX_REASON = 500;

    public EmergencyAccess {
        Objects.requireNonNull(id);
        Objects.requireNonNull(resident);
        Objects.requireNonNull(practitioner);
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(opened);
        Objects.requireNonNull(until);
        Objects.requireNonNull(review);
        categories = Set.copyOf(categories);
        requireReason(reason);
        if (!until.isAfter(opened)) {
            throw new BadInputException(ConsentPolicyError.CP_0231, "an emergency access must end after it opens");
        }
    }

    /** The reason rule, {@value #MIN_REASON}–{@value #MAX_REASON} characters, not blank ({@code CP-0230}). */
    public static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() < MIN_REASON
                || reason.length() > MAX_REASON) {
            throw new BadInputException(ConsentPolicyError.CP_0230, "an emergency access needs a reason of " + MIN_REASON + "–"
                    + MAX_REASON + " characters");
        }
    }

    public boolean openAt(Instant at) {
        return !at.isBefore(opened) && at.isBefore(until);
    }

    /** An operator's review of the opening. The note, like the reason, is never logged. */
    public record Review(String operator, String note, Instant at) {
        public Review {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(at);
            if (note == null || note.isBlank() || note.length() > MAX_REASON) {
                throw new BadInputException(ConsentPolicyError.CP_0232, "a review needs a note of at most " + MAX_REASON
                        + " characters");
            }
        }

        @Override
        public String toString() {
            return "Review[" + operator + ", " + at + "]";
        }
    }

    @Override
    public String toString() {
        return "EmergencyAccess[" + id + ", " + recipient + ", " + categories + ", " + opened + ".." + until
                + (review.isPresent() ? ", reviewed" : "") + "]";
    }
}
