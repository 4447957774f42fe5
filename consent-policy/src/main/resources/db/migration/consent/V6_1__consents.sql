-- Consents, never-share marks and emergency accesses (consent-policy). The same SQL runs on
-- PostgreSQL and on H2 in PostgreSQL mode. No health data here: ids, codes, times, the consent
-- text a resident was shown, and an emergency reason written by a practitioner (sensitive free
-- text: stored, shown to the resident and the reviewer, never logged).

-- One row per version of a consent; rows are only ever inserted (a change is a new version).
-- The primary key stops two concurrent changes from both becoming version n+1.
CREATE TABLE cp_consent_version (
    consent_id        VARCHAR(64)              NOT NULL,
    version           INTEGER                  NOT NULL CHECK (version >= 1),
    resident_id       UUID                     NOT NULL,
    recipient_org     VARCHAR(64)              NOT NULL,
    recipient_service VARCHAR(64),
    purpose           VARCHAR(64)              NOT NULL,
    categories        VARCHAR(1000)            NOT NULL,
    period_start      TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end        TIMESTAMP WITH TIME ZONE,
    status            VARCHAR(16)              NOT NULL
        CHECK (status IN ('PROPOSED', 'ACTIVE', 'REJECTED', 'WITHDRAWN')),
    evidence_text     CHARACTER VARYING,
    evidence_language VARCHAR(2),
    evidence_version  VARCHAR(64),
    evidence_sha256   CHAR(64),
    evidence_at       TIMESTAMP WITH TIME ZONE,
    evidence_channel  VARCHAR(32),
    actor_id          VARCHAR(64)              NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consent_id, version)
);
CREATE INDEX cp_consent_version_resident ON cp_consent_version (resident_id);

-- A resident's never-share marks: MEDICAL, or MEDICAL/diagnosis.
CREATE TABLE cp_never_share (
    resident_id UUID                     NOT NULL,
    category    VARCHAR(96)              NOT NULL,
    marked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (resident_id, category)
);

-- Break-glass openings; the review columns are filled once, by an operator.
CREATE TABLE cp_emergency_access (
    id                VARCHAR(64)              NOT NULL PRIMARY KEY,
    resident_id       UUID                     NOT NULL,
    practitioner      VARCHAR(64)              NOT NULL,
    recipient_org     VARCHAR(64)              NOT NULL,
    recipient_service VARCHAR(64),
    reason            VARCHAR(2000)            NOT NULL,
    categories        VARCHAR(1000)            NOT NULL,
    opened_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    until_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    reviewed_by       VARCHAR(64),
    review_note       VARCHAR(2000),
    reviewed_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX cp_emergency_access_resident ON cp_emergency_access (resident_id);
CREATE INDEX cp_emergency_access_unreviewed ON cp_emergency_access (reviewed_at, opened_at);
