-- Sign-in through an OpenID Connect provider (the national My Number card authentication, a city's
-- digital ID). The provider's subject identifier is stored only as
-- hex(HMAC-SHA-256(subject-hash key, provider || '|' || sub)) under a key that is not in the
-- database; no claim (name, address, birth date, gender) is stored, and never the My Number.
-- The same SQL runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE id_federated_link (
    provider_id  VARCHAR(32)              NOT NULL,
    subject_hash VARCHAR(64)              NOT NULL,
    account_id   UUID                     NOT NULL REFERENCES id_account (account_id),
    linked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider_id, subject_hash)
);

CREATE INDEX id_federated_link_account ON id_federated_link (account_id);
