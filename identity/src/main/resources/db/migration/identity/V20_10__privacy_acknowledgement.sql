-- Which version of the bank's published privacy policy each person last acknowledged (the portal
-- shows a notice while a newer version is in force). One row per account, the version only rises.
-- Ids, a number and a time. The same SQL runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE id_privacy_acknowledgement (
    account_id      UUID                     NOT NULL PRIMARY KEY REFERENCES id_account (account_id),
    policy_version  INTEGER                  NOT NULL CHECK (policy_version >= 1),
    acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL
);
