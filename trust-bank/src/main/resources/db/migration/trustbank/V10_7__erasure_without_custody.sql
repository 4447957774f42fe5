-- A resident may erase before any record arrived: the erasure is remembered all the same (so that
-- no record arriving later starts their custody), with no key id, since no key was ever made.
ALTER TABLE tb_erasure ALTER COLUMN kek_id DROP NOT NULL;
