-- Identity registry: the purpose catalogue, organisations and the purposes each may ever ask
-- for, OAuth system clients with their allowed SMART scopes and PUBLIC keys, and the client
-- assertion ids already used (replay protection that holds across restarts and instances).
-- Runs on PostgreSQL 15 and on H2 in PostgreSQL mode.

CREATE TABLE id_purpose (
    code     VARCHAR(63)  NOT NULL PRIMARY KEY,
    label_ja VARCHAR(200) NOT NULL,
    label_en VARCHAR(200) NOT NULL
);

INSERT INTO id_purpose (code, label_ja, label_en) VALUES ('treatment', '治療', 'Treatment');
INSERT INTO id_purpose (code, label_ja, label_en) VALUES ('health-advice', '健康アドバイス', 'Health advice');
INSERT INTO id_purpose (code, label_ja, label_en) VALUES ('care-coordination', '介護連携', 'Care coordination');
INSERT INTO id_purpose (code, label_ja, label_en) VALUES ('research', '研究', 'Research');

CREATE TABLE id_organisation (
    organisation_id VARCHAR(63)  NOT NULL PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL
        CHECK (kind IN ('HOSPITAL', 'CLINIC', 'CARE_PROVIDER', 'PAYMENT_PROVIDER', 'WELLNESS_SERVICE')),
    display_name    VARCHAR(200) NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE id_organisation_purpose (
    organisation_id VARCHAR(63) NOT NULL REFERENCES id_organisation (organisation_id),
    purpose_code    VARCHAR(63) NOT NULL REFERENCES id_purpose (code),
    PRIMARY KEY (organisation_id, purpose_code)
);

CREATE TABLE id_client (
    client_id       VARCHAR(63) NOT NULL PRIMARY KEY,
    organisation_id VARCHAR(63) NOT NULL REFERENCES id_organisation (organisation_id),
    kind            VARCHAR(32) NOT NULL CHECK (kind IN ('SOURCE_FEED', 'CLINIC_EMR', 'WELLNESS_SERVICE')),
    status          VARCHAR(16) NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX id_client_organisation ON id_client (organisation_id);

CREATE TABLE id_client_scope (
    client_id VARCHAR(63)  NOT NULL REFERENCES id_client (client_id),
    scope     VARCHAR(100) NOT NULL,
    PRIMARY KEY (client_id, scope)
);

-- Public JWKs only (the registry refuses any key with private members); kid unique per client.
CREATE TABLE id_client_key (
    client_id  VARCHAR(63)   NOT NULL REFERENCES id_client (client_id),
    kid        VARCHAR(128)  NOT NULL,
    key_type   VARCHAR(8)    NOT NULL CHECK (key_type IN ('RSA', 'EC')),
    public_jwk VARCHAR(4096) NOT NULL,
    PRIMARY KEY (client_id, kid)
);

-- A client assertion's jti is kept (as a SHA-256 hex digest, so its length is fixed and no
-- client text is stored) until the assertion can no longer be accepted; the primary key makes
-- "insert or refuse" atomic across instances. Expired rows are purged by the token service.
CREATE TABLE id_used_jti (
    client_id  VARCHAR(63) NOT NULL,
    jti_hash   CHAR(64)    NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, jti_hash)
);

CREATE INDEX id_used_jti_expiry ON id_used_jti (expires_at);
