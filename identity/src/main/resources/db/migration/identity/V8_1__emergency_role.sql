-- The emergency (break-glass) role: a practitioner listed here may open emergency access to a
-- resident's data without consent (consent-policy's EmergencyAccesses). Only an operator grants
-- it, only to practitioner accounts (checked by the registry); revoking deletes the row.
-- Ids and times only.

CREATE TABLE id_emergency_role (
    account_id UUID                     NOT NULL PRIMARY KEY REFERENCES id_account (account_id),
    granted_by UUID                     NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
