package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's review of a dataset request, as a data ethics board records it: the outcome, the
 * rationale (required), any conditions attached to an approval, who reviewed and when.
 */
public record DatasetReview(Outcome outcome, String rationale, String conditions, String reviewer, Instant at) {

    public enum Outcome { APPROVE, REQUEST_CHANGES, REJECT }

    public static final int MAX_TEXT = 4000;

    public DatasetReview {
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(rationale);
        conditions = conditions == null ? "" : conditions;
        Objects.requireNonNull(reviewer);
        Objects.requireNonNull(at);
        if (rationale.isBlank() || rationale.length() > MAX_TEXT || conditions.length() > MAX_TEXT) {
            throw new BadInputException(ConsentPolicyError.CP_0305, "a review needs a rationale (up to 4000 characters)");
        }
    }
}
