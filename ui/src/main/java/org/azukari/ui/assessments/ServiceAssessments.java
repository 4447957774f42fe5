package org.azukari.ui.assessments;

import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.PrivacyAssessment;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.Purpose;
import org.springframework.stereotype.Component;

/**
 * The assessment a resident is shown for a service: for a question about a recipient and purpose,
 * the assessment of the newest approved dataset request of that recipient for that purpose (it
 * names exactly what the question is about), else the recipient's own. None recorded is said so.
 */
@Component
public final class ServiceAssessments {

    private final PrivacyAssessments assessments;
    private final DatasetRequests datasets;

    ServiceAssessments(PrivacyAssessments assessments, DatasetRequests datasets) {
        this.assessments = assessments;
        this.datasets = datasets;
    }

    /** A dataset request with its current assessment. */
    public record AssessedDataset(DatasetRequest request, PrivacyAssessment assessment) {
    }

    public Optional<PrivacyAssessment> forQuestion(String organisation, Purpose purpose) {
        return approvedDatasets(organisation).stream().filter(d -> d.request().spec().purpose().equals(purpose))
                .map(AssessedDataset::assessment).findFirst().or(() -> ofRecipient(organisation));
    }

    public Optional<PrivacyAssessment> ofRecipient(String organisation) {
        return assessments.current(AssessmentSubject.recipient(organisation));
    }

    public List<PrivacyAssessment> recipientHistory(String organisation) {
        return assessments.history(AssessmentSubject.recipient(organisation));
    }

    /** The recipient's approved dataset requests that carry an assessment, newest first. */
    public List<AssessedDataset> approvedDatasets(String organisation) {
        return datasets.ofRecipient(organisation).stream().filter(DatasetRequest::approved)
                .flatMap(r -> assessments.current(AssessmentSubject.datasetRequest(r.id()))
                        .map(a -> new AssessedDataset(r, a)).stream())
                .toList();
    }
}
