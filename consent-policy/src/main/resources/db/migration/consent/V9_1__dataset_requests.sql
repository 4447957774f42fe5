-- Wellness services' dataset requests and the operator's reviews (consent-policy). The same SQL
-- runs on PostgreSQL and on H2 in PostgreSQL mode. No health data here: what is asked for (purpose,
-- categories, resource types and codes, a period, de-identification settings), the board's
-- rationale and conditions, ids and times.

-- One row per version of a request; rows are only ever inserted (filing, a review and a revision
-- are each a new version). The primary key stops two concurrent changes from both becoming
-- version n+1. The review columns are filled on the version a review created, empty otherwise.
CREATE TABLE cp_dataset_request_version (
    request_id         VARCHAR(64)              NOT NULL,
    version            INTEGER                  NOT NULL CHECK (version >= 1),
    recipient_org      VARCHAR(64)              NOT NULL,
    recipient_service  VARCHAR(64),
    status             VARCHAR(24)              NOT NULL
        CHECK (status IN ('SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED')),
    title              VARCHAR(200)             NOT NULL,
    purpose            VARCHAR(64)              NOT NULL,
    categories         VARCHAR(1000)            NOT NULL,
    -- one item a line: Type, Type|code or Type|system|code
    items              CHARACTER VARYING        NOT NULL,
    period_start       DATE                     NOT NULL,
    period_end         DATE                     NOT NULL,
    refresh_seconds    BIGINT                   NOT NULL CHECK (refresh_seconds > 0),
    date_handling      VARCHAR(8)               NOT NULL CHECK (date_handling IN ('SHIFT', 'MONTH', 'YEAR')),
    age_band_years     INTEGER                  NOT NULL,
    location_level     VARCHAR(16)              NOT NULL CHECK (location_level IN ('PREFECTURE', 'NONE')),
    k_min              INTEGER                  NOT NULL,
    review_outcome     VARCHAR(16)
        CHECK (review_outcome IS NULL OR review_outcome IN ('APPROVE', 'REQUEST_CHANGES', 'REJECT')),
    review_rationale   VARCHAR(4000),
    review_conditions  VARCHAR(4000),
    reviewer           VARCHAR(64),
    reviewed_at        TIMESTAMP WITH TIME ZONE,
    actor_id           VARCHAR(64)              NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (request_id, version)
);
CREATE INDEX cp_dataset_request_version_recipient ON cp_dataset_request_version (recipient_org);
