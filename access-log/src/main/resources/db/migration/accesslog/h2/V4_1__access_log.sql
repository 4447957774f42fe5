-- Access log (embedded default, H2): one plain table; nothing is ever dropped here (see
-- AccessLogRetention). The chain columns are what the verifier checks; the search columns
-- (resident_id .. decision) are copied from entry_json for SQL search and are not evidence.

CREATE TABLE cp_access_log (
    sequence     BIGINT                   NOT NULL PRIMARY KEY,
    entry_id     UUID                     NOT NULL,
    logged_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    entry_json   CHARACTER VARYING        NOT NULL,
    prev_hash    CHAR(64)                 NOT NULL,
    hash         CHAR(64)                 NOT NULL,
    resident_id  UUID,
    actor_id     VARCHAR(64)              NOT NULL,
    organisation VARCHAR(64),
    purpose      VARCHAR(64),
    decision     VARCHAR(8)               NOT NULL
);
CREATE INDEX cp_access_log_resident ON cp_access_log (resident_id, sequence);
CREATE INDEX cp_access_log_time ON cp_access_log (logged_at);

-- The single row every append locks (SELECT ... FOR UPDATE): it serialises appends, so the
-- chain cannot fork. It is a convenience, not evidence: the verifier trusts the rows and the
-- checkpoint file, not this.
CREATE TABLE cp_access_log_head (
    id        INTEGER                  NOT NULL PRIMARY KEY CHECK (id = 1),
    sequence  BIGINT                   NOT NULL,
    hash      CHAR(64)                 NOT NULL,
    logged_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO cp_access_log_head (id, sequence, hash, logged_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);

-- Entries the search index has not acknowledged yet (AccessLogOutbox).
CREATE TABLE cp_access_log_outbox (
    sequence BIGINT NOT NULL PRIMARY KEY
);

-- The database copy of the signed checkpoints; the file copy is the one the verifier trusts.
CREATE TABLE cp_access_log_checkpoint (
    kind      VARCHAR(8)               NOT NULL,
    sequence  BIGINT                   NOT NULL,
    hash      CHAR(64)                 NOT NULL,
    signed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    key_name  VARCHAR(2048)            NOT NULL,
    signature VARCHAR(2048)            NOT NULL,
    PRIMARY KEY (kind, sequence)
);
