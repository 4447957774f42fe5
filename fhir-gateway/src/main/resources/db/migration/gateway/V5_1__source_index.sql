-- The gateway's index of what each source sent: which bank record holds a source's resource,
-- so that a resubmission is recognised, a newer version supersedes, and later references
-- (relative or conditional) resolve. Source ids and identifiers are kept only as keyed hashes
-- (HMAC-SHA-256 with a key derived from the bank secret); no record content is here.
-- Rows belong to a custody (a resident, or a source's directory of organisations and
-- practitioners): erasing the resident's keyring removes them with it.

CREATE TABLE fg_source_record (
    source_org          VARCHAR(64) NOT NULL,
    source_ref          BYTEA       NOT NULL,
    resource_type       VARCHAR(64) NOT NULL,
    custody_id          UUID        NOT NULL REFERENCES tb_resident_keyring (resident_id) ON DELETE CASCADE,
    directory           BOOLEAN     NOT NULL,
    record_id           VARCHAR(64) NOT NULL,
    bank_version        INTEGER     NOT NULL,
    source_version      VARCHAR(64),
    source_last_updated TIMESTAMP WITH TIME ZONE,
    content_hash        BYTEA       NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source_org, source_ref)
);

CREATE TABLE fg_source_identifier (
    source_org      VARCHAR(64) NOT NULL,
    resource_type   VARCHAR(64) NOT NULL,
    identifier_hash BYTEA       NOT NULL,
    source_ref      BYTEA       NOT NULL,
    custody_id      UUID        NOT NULL REFERENCES tb_resident_keyring (resident_id) ON DELETE CASCADE,
    PRIMARY KEY (source_org, resource_type, identifier_hash)
);
