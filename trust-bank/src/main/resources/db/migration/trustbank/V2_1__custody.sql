-- Trust-bank custody. Nothing here is readable health data: record contents are AES-256-GCM
-- envelopes, data keys are wrapped by the resident's key-encryption key in the key vault,
-- and the only clear columns are ids, the resource type, the data category and times.

CREATE TABLE tb_resident_keyring (
    resident_id            UUID        NOT NULL PRIMARY KEY,
    kek_id                 VARCHAR(40) NOT NULL UNIQUE,
    current_dek_generation INTEGER     NOT NULL,
    enrolled_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE tb_data_key (
    resident_id UUID         NOT NULL REFERENCES tb_resident_keyring (resident_id) ON DELETE CASCADE,
    generation  INTEGER      NOT NULL,
    wrapped_key VARCHAR(512) NOT NULL,
    PRIMARY KEY (resident_id, generation)
);

CREATE TABLE tb_record_head (
    resident_id     UUID        NOT NULL REFERENCES tb_resident_keyring (resident_id) ON DELETE CASCADE,
    record_id       VARCHAR(64) NOT NULL,
    current_version INTEGER     NOT NULL,
    PRIMARY KEY (resident_id, record_id)
);

CREATE TABLE tb_record_version (
    resident_id   UUID        NOT NULL REFERENCES tb_resident_keyring (resident_id) ON DELETE CASCADE,
    record_id     VARCHAR(64) NOT NULL,
    version       INTEGER     NOT NULL,
    resource_type VARCHAR(64) NOT NULL,
    data_category VARCHAR(16) NOT NULL,
    envelope      BYTEA       NOT NULL,
    stored_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (resident_id, record_id, version)
);

-- Ids only: which resident was erased, which key was destroyed, when. Mirrors the erasure
-- ledger kept outside the database, which is the one that survives a restore.
CREATE TABLE tb_erasure (
    resident_id UUID        NOT NULL PRIMARY KEY,
    kek_id      VARCHAR(40) NOT NULL,
    erased_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
