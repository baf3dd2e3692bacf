-- Names as the duplicate and laureate checks compare them (lower case, no accents, spaces or
-- punctuation), kept beside the names and indexed, so those checks look a name up instead of
-- reading every record. Filled for existing rows by the migration runner right after this file.
ALTER TABLE laureates ADD COLUMN key_name TEXT NOT NULL DEFAULT '';
ALTER TABLE laureates ADD COLUMN key_en TEXT NOT NULL DEFAULT '';
ALTER TABLE laureates ADD COLUMN key_zh TEXT NOT NULL DEFAULT '';
CREATE INDEX laureates_key_name_idx ON laureates (key_name);
CREATE INDEX laureates_key_en_idx ON laureates (key_en);
CREATE INDEX laureates_key_zh_idx ON laureates (key_zh);
ALTER TABLE nominations ADD COLUMN key_en TEXT NOT NULL DEFAULT '';
ALTER TABLE nominations ADD COLUMN key_zh TEXT NOT NULL DEFAULT '';
CREATE INDEX nominations_key_en_idx ON nominations (cycle_id, key_en);
CREATE INDEX nominations_key_zh_idx ON nominations (cycle_id, key_zh);
-- A body's nominations in a cycle by state, for its quota.
CREATE INDEX nominations_body_cycle_state_idx ON nominations (body_id, cycle_id, state);
