package org.azukari.consent.api;

import java.util.List;
import java.util.Optional;

/**
 * Privacy impact assessments of recipients and dataset requests (mission 7: an assessment for each
 * service). Versions are inserted, never updated: recording is always a new version, and every
 * earlier one stays readable. An approval of a dataset request needs an assessment of that request
 * ({@link DatasetRequests#review}, {@code CP-0410}). A store that cannot be used is
 * {@link ConsentUnavailableException}; two operators recording at once: the later is refused
 * ({@code CP-0221}) and records nothing.
 */
public interface PrivacyAssessments {

    /** Records the next version for the subject, reviewed by {@code reviewer} (an operator's account id). */
    PrivacyAssessment record(AssessmentSubject subject, AssessmentTerms terms, String reviewer);

    /** The newest version, if any. */
    Optional<PrivacyAssessment> current(AssessmentSubject subject);

    /** Every version, newest first. */
    List<PrivacyAssessment> history(AssessmentSubject subject);
}
