-- Bulk Data export jobs of approved dataset requests (fhir-gateway export). No health data:
-- ids, counts, statuses, times. The files themselves are sealed on disk (ExportFiles).
CREATE TABLE fg_export_job (
    job_id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    request_id           VARCHAR(64)              NOT NULL,
    organisation         VARCHAR(64)              NOT NULL,
    client_id            VARCHAR(64)              NOT NULL,
    types                VARCHAR(2000)            NOT NULL,
    status               VARCHAR(16)              NOT NULL
        CHECK (status IN ('RUNNING', 'COMPLETE', 'FAILED', 'CANCELLED')),
    residents_done       INTEGER                  NOT NULL DEFAULT 0,
    residents_total      INTEGER                  NOT NULL DEFAULT 0,
    included_residents   INTEGER                  NOT NULL DEFAULT 0,
    suppressed_residents INTEGER                  NOT NULL DEFAULT 0,
    suppressed_records   INTEGER                  NOT NULL DEFAULT 0,
    error_code           VARCHAR(16),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at         TIMESTAMP WITH TIME ZONE,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fg_export_job_client ON fg_export_job (client_id);

CREATE TABLE fg_export_output (
    job_id        VARCHAR(64) NOT NULL REFERENCES fg_export_job (job_id) ON DELETE CASCADE,
    resource_type VARCHAR(64) NOT NULL,
    line_count    INTEGER     NOT NULL,
    PRIMARY KEY (job_id, resource_type)
);
