package org.azukari.consent.api;

import java.util.List;
import java.util.Optional;

/**
 * Wellness services' requests for de-identified datasets and the operator's reviews of them.
 * Every change is a new version; each is written to the access log in the same transaction
 * (fail closed: {@link AccessLogUnavailableException} and nothing changes). Refused changes
 * (reviewing a request that is not {@code SUBMITTED}, revising one that is not
 * {@code CHANGES_REQUESTED}, another recipient's request) are {@link ConsentChangeRefusedException}.
 */
public interface DatasetRequests {

    /** A wellness service files a request: version 1, {@code SUBMITTED}. */
    DatasetRequest file(Recipient recipient, DatasetSpec spec, AccessActor actor);

    /** The service answers a request for changes with a revised spec: a new {@code SUBMITTED} version. */
    DatasetRequest revise(DatasetRequestId id, Recipient recipient, DatasetSpec spec, AccessActor actor);

    /**
     * The operator reviews a {@code SUBMITTED} request: a new version {@code APPROVED},
     * {@code CHANGES_REQUESTED} or {@code REJECTED} carrying the review. {@code askResidents} goes
     * only with an approval ({@code CP-0306} otherwise); the consent requests themselves (in the
     * mission's words, to every enrolled resident who has neither a pending request nor an active
     * consent for that recipient and purpose) are filed by the edge after the approval is stored,
     * because the list of residents and the purpose wording belong to the identity module, which
     * depends on this one. An approval never includes anyone: the cohort of each export is still
     * {@link Consents#residentsConsentingTo} at that export's time.
     */
    DatasetRequest review(DatasetRequestId id, DatasetReview review, boolean askResidents, AccessActor operator);

    /** The current version. */
    Optional<DatasetRequest> find(DatasetRequestId id);

    /** Every version, oldest first. */
    List<DatasetRequest> history(DatasetRequestId id);

    /** Current versions of one organisation's requests, newest first. */
    List<DatasetRequest> ofRecipient(String organisation);

    /** Current versions of every request, newest first (the operator's queue shows SUBMITTED first). */
    List<DatasetRequest> all();
}
