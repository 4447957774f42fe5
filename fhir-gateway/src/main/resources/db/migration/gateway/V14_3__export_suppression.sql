-- Why records of a complete export were left out, by reason (k-anonymity, no-clinical-date), so
-- the manifest says so instead of letting them disappear. Counts only, no health data.
CREATE TABLE fg_export_suppression (
    job_id       VARCHAR(64) NOT NULL REFERENCES fg_export_job (job_id) ON DELETE CASCADE,
    reason       VARCHAR(32) NOT NULL,
    record_count INTEGER     NOT NULL,
    PRIMARY KEY (job_id, reason)
);
