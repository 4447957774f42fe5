-- An identifier names a source's record only within one custody (a resident, or the source's
-- directory). Sources give the same identifier to records of different residents (Synthea gives
-- every ExplanationOfBenefit claim-group|99999999999), so a key that ignored the custody pointed
-- the identifier at whichever resident's record came last, and two residents' ingests racing on
-- it failed on the primary key. The custody is now part of the key: each resident's identifier
-- rows are their own, written under their keyring's lock, and erased with it.
-- Rows kept from V5_1 stay as they were (each is one custody's mapping); a mapping an earlier
-- ingest overwrote comes back when the source sends that record's next version.
-- Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run: a new table, renamed.

CREATE TABLE fg_source_identifier_v53 (
    source_org      VARCHAR(64) NOT NULL,
    resource_type   VARCHAR(64) NOT NULL,
    identifier_hash BYTEA       NOT NULL,
    custody_id      UUID        NOT NULL REFERENCES tb_resident_keyring (resident_id) ON DELETE CASCADE,
    source_ref      BYTEA       NOT NULL,
    CONSTRAINT fg_source_identifier_pk PRIMARY KEY (source_org, resource_type, identifier_hash, custody_id)
);

INSERT INTO fg_source_identifier_v53 (source_org, resource_type, identifier_hash, custody_id, source_ref)
    SELECT source_org, resource_type, identifier_hash, custody_id, source_ref FROM fg_source_identifier;

DROP TABLE fg_source_identifier;

ALTER TABLE fg_source_identifier_v53 RENAME TO fg_source_identifier;

-- an erasure deletes a custody's rows through the foreign key
CREATE INDEX fg_source_identifier_custody ON fg_source_identifier (custody_id);
