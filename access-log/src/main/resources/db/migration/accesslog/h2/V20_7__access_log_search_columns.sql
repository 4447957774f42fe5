-- Search columns for the auditor's filters by client, action, emergency and request id (issue 20).
-- Like the others beside entry_json they are copies for SQL search, not evidence (the hash covers
-- entry_json only, so filling them changes no hash). New rows get them from JdbcAccessLog; rows
-- written before this migration are filled here from their own entry_json.
--
-- H2 has no JSON path functions, so the values are read with regular expressions. That is exact
-- for this text only because it is CanonicalForm's: no whitespace, keys sorted, "client" only inside
-- "actor", "action", "reason" and "requestId" only at the top level, and every value restricted by
-- the API records to [A-Za-z0-9._-] (AccessActor, AccessAction, AccessLogEntry), so no value holds a
-- quote or an escape. "emergency" is AccessLogEntry.emergency(): the action EMERGENCY_ACCESS or one
-- of AccessLogEntry.EMERGENCY_REASONS (keep this list equal to that set; JdbcAccessLogBackfillTest
-- checks it).

ALTER TABLE cp_access_log ADD COLUMN client VARCHAR(64);
ALTER TABLE cp_access_log ADD COLUMN action VARCHAR(32);
ALTER TABLE cp_access_log ADD COLUMN emergency BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE cp_access_log ADD COLUMN request_id VARCHAR(64);

UPDATE cp_access_log
SET client     = REGEXP_SUBSTR(entry_json, '"actor":\{[^}]*"client":"([A-Za-z0-9._-]+)"', 1, 1, '', 1),
    action     = REGEXP_SUBSTR(entry_json, '^\{"action":"([A-Z_]+)"', 1, 1, '', 1),
    request_id = REGEXP_SUBSTR(entry_json, '"requestId":"([A-Za-z0-9._-]+)"', 1, 1, '', 1);

UPDATE cp_access_log
SET emergency = action = 'EMERGENCY_ACCESS'
                OR REGEXP_SUBSTR(entry_json, '"reason":"([a-z0-9._-]+)"', 1, 1, '', 1) IN ('emergency-access',
                    'consent-and-emergency-access', 'emergency-access-reviewed', 'emergency-role-granted',
                    'emergency-role-already-held', 'emergency-role-revoked', 'emergency-role-not-held');

CREATE INDEX cp_access_log_client ON cp_access_log (client, sequence);
CREATE INDEX cp_access_log_action ON cp_access_log (action, sequence);
CREATE INDEX cp_access_log_request ON cp_access_log (request_id);
CREATE INDEX cp_access_log_emergency ON cp_access_log (emergency, sequence);
