-- Committees have vice-chairs as well (2008 Rules art. 39: one chair, vice-chairs, one
-- secretary-general): the position check admits `vice_chair`. SQLite cannot change a check, so
-- the table is rebuilt there with its rows, ids and indexes.
-- @sqlite
CREATE TABLE committee_terms_next (
    id {{ID}},
    committee TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    position TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    ended_early_reason TEXT NULL,
    appointed_at TEXT NOT NULL,
    CONSTRAINT committee_terms_committee_check CHECK (committee IN ('evaluation', 'awards')),
    CONSTRAINT committee_terms_position_check CHECK (position IN ('chair', 'vice_chair', 'secretary', 'member')),
    CONSTRAINT committee_terms_dates_check CHECK (starts_on <= ends_on)
);
INSERT INTO committee_terms_next (id, committee, user_id, position, starts_on, ends_on, ended_early_reason, appointed_at)
    SELECT id, committee, user_id, position, starts_on, ends_on, ended_early_reason, appointed_at FROM committee_terms;
DROP TABLE committee_terms;
ALTER TABLE committee_terms_next RENAME TO committee_terms;
CREATE INDEX committee_terms_committee_idx ON committee_terms (committee, ends_on);
CREATE INDEX committee_terms_user_idx ON committee_terms (user_id);
-- @end
-- @postgres
ALTER TABLE committee_terms DROP CONSTRAINT committee_terms_position_check;
ALTER TABLE committee_terms ADD CONSTRAINT committee_terms_position_check
    CHECK (position IN ('chair', 'vice_chair', 'secretary', 'member'));
-- @end
