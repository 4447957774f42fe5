-- Breach notices (consent-policy): a resident is told that records of theirs were released through
-- access later found compromised. Ids, a window, categories and a count; never record content.
-- One notice per incident and resident. The same SQL runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE cp_breach_notice (
    incident      VARCHAR(64)              NOT NULL,
    resident_id   UUID                     NOT NULL,
    organisation  VARCHAR(64),
    window_from   TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to     TIMESTAMP WITH TIME ZONE NOT NULL,
    categories    VARCHAR(64)              NOT NULL,
    record_count  INTEGER                  NOT NULL CHECK (record_count >= 0),
    notified_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    notified_by   VARCHAR(64)              NOT NULL,
    PRIMARY KEY (incident, resident_id),
    CHECK (window_from < window_to)
);

CREATE INDEX cp_breach_notice_resident ON cp_breach_notice (resident_id, notified_at);
