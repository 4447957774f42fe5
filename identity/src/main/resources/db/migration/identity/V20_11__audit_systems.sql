-- An auditor's system (AUDIT_SYSTEM) reads the access log over FHIR for the city's audit body
-- (AUDIT_BODY), the organisation kind it is registered under. Both kinds are added to the CHECK
-- constraints of V3_1, which were declared on their columns without a name: PostgreSQL named
-- them id_organisation_kind_check and id_client_kind_check, H2 CONSTRAINT_<n>. Rather than look
-- the names up per database, each kind column is replaced by a copy under a constraint with a
-- name of our own (dropping a column drops the constraints on it alone, on both), so that a
-- later kind is one DROP CONSTRAINT and one ADD CONSTRAINT on every database.

ALTER TABLE id_organisation ADD COLUMN organisation_kind VARCHAR(32);
UPDATE id_organisation SET organisation_kind = kind;
ALTER TABLE id_organisation DROP COLUMN kind;
ALTER TABLE id_organisation RENAME COLUMN organisation_kind TO kind;
ALTER TABLE id_organisation ALTER COLUMN kind SET NOT NULL;
ALTER TABLE id_organisation ADD CONSTRAINT id_organisation_kind
    CHECK (kind IN ('HOSPITAL', 'CLINIC', 'CARE_PROVIDER', 'PAYMENT_PROVIDER', 'WELLNESS_SERVICE', 'AUDIT_BODY'));

ALTER TABLE id_client ADD COLUMN client_kind VARCHAR(32);
UPDATE id_client SET client_kind = kind;
ALTER TABLE id_client DROP COLUMN kind;
ALTER TABLE id_client RENAME COLUMN client_kind TO kind;
ALTER TABLE id_client ALTER COLUMN kind SET NOT NULL;
ALTER TABLE id_client ADD CONSTRAINT id_client_kind
    CHECK (kind IN ('SOURCE_FEED', 'CLINIC_EMR', 'WELLNESS_SERVICE', 'AUDIT_SYSTEM'));
