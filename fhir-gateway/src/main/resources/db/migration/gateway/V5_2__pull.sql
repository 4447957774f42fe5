-- FHIR gateway, pull side: the sources the bank pulls from, the residents it pulls for, and
-- where each pull stands. No credential is stored (a source names a configuration entry), and
-- the identifier a source knows a resident by is sealed: AES-256-GCM under a bank secret that
-- is not in the database (version || nonce || ciphertext+tag), bound to its source and resident.
-- No foreign keys into other modules' tables: organisations and residents are checked through
-- the identity module's API when a row is written.

CREATE TABLE fg_pull_source (
    source_id       UUID          NOT NULL PRIMARY KEY,
    organisation_id VARCHAR(63)   NOT NULL,
    base_url        VARCHAR(1024) NOT NULL,
    credential_ref  VARCHAR(63),
    validation_mode VARCHAR(16)   NOT NULL,
    enabled         BOOLEAN       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fg_pull_source_mode CHECK (validation_mode IN ('STRICT', 'LENIENT'))
);

CREATE INDEX fg_pull_source_organisation ON fg_pull_source (organisation_id);

-- One row per (source, resident): the sealed identifier and the cursor. high_water is the
-- upstream server's time up to which everything was received (moved only by a whole pull
-- that succeeded); running_since is the claim that keeps two pulls of one target apart.
CREATE TABLE fg_pull_target (
    source_id         UUID         NOT NULL REFERENCES fg_pull_source (source_id) ON DELETE CASCADE,
    resident_id       UUID         NOT NULL,
    sealed_identifier BYTEA        NOT NULL,
    linked_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    high_water        TIMESTAMP WITH TIME ZONE,
    attempts          INTEGER      NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    running_since     TIMESTAMP WITH TIME ZONE,
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    last_success_at   TIMESTAMP WITH TIME ZONE,
    last_error_code   VARCHAR(16),
    last_error_text   VARCHAR(200),
    resources_pulled  BIGINT       NOT NULL,
    resources_created BIGINT       NOT NULL,
    PRIMARY KEY (source_id, resident_id),
    CONSTRAINT fg_pull_target_state CHECK (state IN ('IDLE', 'RUNNING', 'FAILED')),
    CONSTRAINT fg_pull_target_claim CHECK ((state = 'RUNNING') = (running_since IS NOT NULL)),
    CONSTRAINT fg_pull_target_counts CHECK (attempts >= 0 AND resources_pulled >= 0 AND resources_created >= 0)
);

CREATE INDEX fg_pull_target_due ON fg_pull_target (next_attempt_at);
