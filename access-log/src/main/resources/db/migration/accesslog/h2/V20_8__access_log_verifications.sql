-- Every verification of the access log (VerificationHistory): when, who asked (an auditor's
-- account id or 'cli'), and what the walk found. Only ever inserted; no health data.
CREATE TABLE cp_access_log_verification (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    verified_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_by         VARCHAR(64)              NOT NULL,
    intact              BOOLEAN                  NOT NULL,
    entries_checked     BIGINT                   NOT NULL,
    checkpoints_checked BIGINT                   NOT NULL,
    finding             VARCHAR(64)              NOT NULL,
    first_bad_sequence  BIGINT
);
