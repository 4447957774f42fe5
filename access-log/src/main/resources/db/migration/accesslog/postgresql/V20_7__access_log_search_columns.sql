-- Search columns for the auditor's filters by client, action, emergency and request id (issue 20).
-- Like the others beside entry_json they are copies for SQL search, not evidence (the hash covers
-- entry_json only, so filling them changes no hash). New rows get them from JdbcAccessLog; rows
-- written before this migration are filled here from their own entry_json, whose form is
-- CanonicalForm's. "emergency" is AccessLogEntry.emergency(): the action EMERGENCY_ACCESS or one of
-- AccessLogEntry.EMERGENCY_REASONS (keep this list equal to that set; JdbcAccessLogBackfillTest and
-- PostgresAccessLogSearchIT check it). The UPDATE runs as the migration's owner role, once.

ALTER TABLE cp_access_log ADD COLUMN client VARCHAR(64);
ALTER TABLE cp_access_log ADD COLUMN action VARCHAR(32);
ALTER TABLE cp_access_log ADD COLUMN emergency BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cp_access_log ADD COLUMN request_id VARCHAR(64);

UPDATE cp_access_log
SET client     = entry_json::jsonb -> 'actor' ->> 'client',
    action     = entry_json::jsonb ->> 'action',
    request_id = entry_json::jsonb ->> 'requestId',
    emergency  = (entry_json::jsonb ->> 'action') = 'EMERGENCY_ACCESS'
                 OR (entry_json::jsonb ->> 'reason') IN ('emergency-access', 'consent-and-emergency-access',
                     'emergency-access-reviewed', 'emergency-role-granted', 'emergency-role-already-held',
                     'emergency-role-revoked', 'emergency-role-not-held');

CREATE INDEX cp_access_log_client ON cp_access_log (client, sequence);
CREATE INDEX cp_access_log_action ON cp_access_log (action, sequence);
CREATE INDEX cp_access_log_request ON cp_access_log (request_id);
CREATE INDEX cp_access_log_emergency ON cp_access_log (sequence) WHERE emergency;
