package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a privacy impact assessment: its subject, its number (1, 2, … per subject; a new
 * version never changes an older one), what it says, the operator account that reviewed it and
 * when it was recorded.
 */
public record PrivacyAssessment(AssessmentSubject subject, int version, AssessmentTerms terms, String reviewer,
                                Instant recorded) {

    public PrivacyAssessment {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(terms);
        Objects.requireNonNull(reviewer);
        Objects.requireNonNull(recorded);
        if (version < 1) {
            throw new BadInputException(ConsentPolicyError.CP_0403, "an assessment version starts at 1");
        }
    }
}
