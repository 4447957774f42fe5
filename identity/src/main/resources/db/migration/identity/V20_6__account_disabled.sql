-- An operator may disable a person's account (e.g. when it was compromised): from disabled_at on
-- it neither signs in nor keeps a session. NULL: active.
ALTER TABLE id_account ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
