-- An unsuccessful nomination carried to a later cycle at its nominator's request: the new draft
-- names the nomination it was carried from, which keeps its own history. Each is carried once.
ALTER TABLE nominations ADD COLUMN carried_from BIGINT NULL REFERENCES nominations (id);
CREATE UNIQUE INDEX nominations_carried_from_key ON nominations (carried_from);
