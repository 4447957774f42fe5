-- Privacy impact assessments (consent-policy): one row per version of the assessment of a recipient
-- organisation or of a dataset request, inserted and never updated (a new version keeps every older
-- one). The texts are the operator's own words about the service, shown to residents; no resident
-- and no record is named. Data items are data categories, comma-separated. The same SQL runs on
-- PostgreSQL and on H2 in PostgreSQL mode. Production: the runtime role needs SELECT, INSERT.
CREATE TABLE cp_privacy_assessment (
    subject_kind  VARCHAR(16)              NOT NULL CHECK (subject_kind IN ('RECIPIENT', 'DATASET_REQUEST')),
    subject_id    VARCHAR(64)              NOT NULL,
    version       INTEGER                  NOT NULL CHECK (version >= 1),
    purpose       VARCHAR(1000)            NOT NULL,
    data_items    VARCHAR(1000)            NOT NULL,
    recipients    VARCHAR(1000)            NOT NULL,
    retention     VARCHAR(500)             NOT NULL,
    risks         VARCHAR(2000)            NOT NULL,
    mitigations   VARCHAR(2000)            NOT NULL,
    contact_name  VARCHAR(200)             NOT NULL,
    contact_reach VARCHAR(300)             NOT NULL,
    reviewer      VARCHAR(64)              NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, version)
);
