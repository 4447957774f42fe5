-- Release to clinics (docs/fhir-release.md). No record content here.
-- fg_release_pseudonym: which resident a recipient's pseudonym names, written when the recipient
-- exchanged a share code; the pseudonym itself is a keyed hash, so this is only the reverse lookup.
CREATE TABLE fg_release_pseudonym (
    recipient   VARCHAR(64) NOT NULL,
    pseudonym   VARCHAR(32) NOT NULL,
    resident_id UUID        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (recipient, pseudonym)
);
CREATE INDEX fg_release_pseudonym_resident ON fg_release_pseudonym (resident_id);

-- fg_release_share_code: one-time codes, by HMAC-SHA-256 only.
CREATE TABLE fg_release_share_code (
    code_hash   BYTEA       NOT NULL PRIMARY KEY,
    resident_id UUID        NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);

-- fg_release_receipt: every signed release receipt, for the resident to read later.
CREATE TABLE fg_release_receipt (
    receipt_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    resident_id UUID          NOT NULL,
    recipient   VARCHAR(64)   NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    receipt     VARCHAR(4000) NOT NULL,
    signature   VARCHAR(1000) NOT NULL
);
CREATE INDEX fg_release_receipt_resident ON fg_release_receipt (resident_id, issued_at);
