-- What the bank took in with warnings, counted per source for the operator: the warning's code
-- (an FG code, or the validator's message id such as Extension_EXT_Version_Invalid) and the
-- resource type it was about. Codes and types only: never a resident, an id or any content.
CREATE TABLE fg_source_warning (
    source_org    VARCHAR(64)  NOT NULL,
    code          VARCHAR(200) NOT NULL,
    resource_type VARCHAR(64)  NOT NULL,
    warning_count BIGINT       NOT NULL,
    last_seen     TIMESTAMP    NOT NULL,
    CONSTRAINT fg_source_warning_pk PRIMARY KEY (source_org, code, resource_type)
);
