package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a dataset request. Never overwritten: a review or a revision is a new version,
 * so the history shows what was asked, what the board said, and what was changed.
 */
public record DatasetRequest(DatasetRequestId id, int version, Recipient recipient, DatasetSpec spec,
                             DatasetRequestStatus status, Instant recorded, Optional<DatasetReview> review) {

    public DatasetRequest {
        Objects.requireNonNull(id);
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(spec);
        Objects.requireNonNull(status);
        Objects.requireNonNull(recorded);
        review = Objects.requireNonNull(review);
    }

    public boolean approved() {
        return status == DatasetRequestStatus.APPROVED;
    }
}
