package org.azukari.consent.api;

import java.util.Objects;

/**
 * What a privacy impact assessment is about: a recipient organisation (a clinic, a hospital's EMR,
 * a wellness service; by the same id text as identity's {@code OrganisationId}) or one dataset
 * request. Each subject has its own numbered versions.
 */
public record AssessmentSubject(Kind kind, String id) {

    /** The two things the bank assesses before data may flow to them. */
    public enum Kind { RECIPIENT, DATASET_REQUEST }

    public AssessmentSubject {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
        switch (kind) {
            case RECIPIENT -> Recipient.organisation(id);
            case DATASET_REQUEST -> new DatasetRequestId(id);
        }
    }

    public static AssessmentSubject recipient(String organisation) {
        return new AssessmentSubject(Kind.RECIPIENT, organisation);
    }

    public static AssessmentSubject datasetRequest(DatasetRequestId request) {
        return new AssessmentSubject(Kind.DATASET_REQUEST, request.value());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
