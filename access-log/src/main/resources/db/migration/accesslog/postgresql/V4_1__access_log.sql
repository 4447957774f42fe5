-- Access log (PostgreSQL): the system of record, partitioned by year of logged_at (UTC) so
-- that ten years and more stay manageable and retention drops whole partitions, never rows.
-- The role that runs these migrations owns the tables; the application's runtime role gets
-- only SELECT/INSERT on the log (see docs/access-log.md for the grants), so neither the code
-- nor its database role has an update or delete path. The search columns (resident_id ..
-- decision) are copied from entry_json for SQL search and are not evidence.

CREATE TABLE cp_access_log (
    sequence     BIGINT      NOT NULL,
    entry_id     UUID        NOT NULL,
    logged_at    TIMESTAMPTZ NOT NULL,
    entry_json   TEXT        NOT NULL,
    prev_hash    CHAR(64)    NOT NULL,
    hash         CHAR(64)    NOT NULL,
    resident_id  UUID,
    actor_id     VARCHAR(64) NOT NULL,
    organisation VARCHAR(64),
    purpose      VARCHAR(64),
    decision     VARCHAR(8)  NOT NULL,
    PRIMARY KEY (sequence, logged_at)
) PARTITION BY RANGE (logged_at);
CREATE INDEX cp_access_log_resident ON cp_access_log (resident_id, sequence);
CREATE INDEX cp_access_log_time ON cp_access_log (logged_at);

-- The single row every append locks (SELECT ... FOR UPDATE): it serialises appends, so the
-- chain cannot fork. A convenience, not evidence.
CREATE TABLE cp_access_log_head (
    id        INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    sequence  BIGINT      NOT NULL,
    hash      CHAR(64)    NOT NULL,
    logged_at TIMESTAMPTZ
);
INSERT INTO cp_access_log_head (id, sequence, hash, logged_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);

CREATE TABLE cp_access_log_outbox (
    sequence BIGINT NOT NULL PRIMARY KEY
);

CREATE TABLE cp_access_log_checkpoint (
    kind      VARCHAR(8)    NOT NULL,
    sequence  BIGINT        NOT NULL,
    hash      CHAR(64)      NOT NULL,
    signed_at TIMESTAMPTZ   NOT NULL,
    key_name  VARCHAR(2048) NOT NULL,
    signature VARCHAR(2048) NOT NULL,
    PRIMARY KEY (kind, sequence)
);

-- Creates the partition for one UTC year if it is missing. SECURITY DEFINER: it runs with the
-- owner's rights, so the runtime role (granted EXECUTE only) can make next year's partition
-- ahead of time without owning the table, and cannot do anything else with it: the year is
-- checked, the names are fixed, and the search path is pinned.
CREATE FUNCTION cp_access_log_ensure_year(y INTEGER) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    IF y < 2000 OR y > 2999 THEN
        RAISE EXCEPTION 'CP-0112 partition year out of range';
    END IF;
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF cp_access_log FOR VALUES FROM (%L) TO (%L)',
                   'cp_access_log_y' || y,
                   make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC'),
                   make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'UTC'));
END
$$;
REVOKE ALL ON FUNCTION cp_access_log_ensure_year(INTEGER) FROM PUBLIC;

-- Last year to three years ahead; the log asks for next year's partition a month ahead.
DO $$
DECLARE
    this_year INTEGER := EXTRACT(YEAR FROM (now() AT TIME ZONE 'UTC'))::INTEGER;
BEGIN
    FOR y IN this_year - 1 .. this_year + 3 LOOP
        PERFORM cp_access_log_ensure_year(y);
    END LOOP;
END
$$;
