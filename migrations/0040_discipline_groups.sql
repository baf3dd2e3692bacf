-- Evaluation groups (学科评审组, Regulations Art. 19): a program's discipline groups vote on the
-- reviewed candidates nominated to them before the evaluation committee does. A group is a
-- committee of kind `discipline` named by the group's id (unique across programs); a term and a
-- ballot of a group carry its id, '' for the evaluation committee and the Awards Committee.
-- A nomination names the group its nominator chose ('' where the program has none). SQLite
-- cannot change a check, so committee_terms is rebuilt there with its rows, ids and indexes.
-- @sqlite
CREATE TABLE committee_terms_next (
    id {{ID}},
    committee TEXT NOT NULL,
    discipline_group TEXT NOT NULL DEFAULT '',
    user_id BIGINT NOT NULL REFERENCES users (id),
    position TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    ended_early_reason TEXT NULL,
    appointed_at TEXT NOT NULL,
    CONSTRAINT committee_terms_committee_check CHECK (committee IN ('evaluation', 'awards', 'discipline')),
    CONSTRAINT committee_terms_group_check CHECK ((committee = 'discipline') = (discipline_group <> '')),
    CONSTRAINT committee_terms_position_check CHECK (position IN ('chair', 'vice_chair', 'secretary', 'member')),
    CONSTRAINT committee_terms_dates_check CHECK (starts_on <= ends_on)
);
INSERT INTO committee_terms_next (id, committee, user_id, position, starts_on, ends_on, ended_early_reason, appointed_at)
    SELECT id, committee, user_id, position, starts_on, ends_on, ended_early_reason, appointed_at FROM committee_terms;
DROP TABLE committee_terms;
ALTER TABLE committee_terms_next RENAME TO committee_terms;
CREATE INDEX committee_terms_committee_idx ON committee_terms (committee, discipline_group, ends_on);
CREATE INDEX committee_terms_user_idx ON committee_terms (user_id);
-- @end
-- @postgres
ALTER TABLE committee_terms ADD COLUMN discipline_group TEXT NOT NULL DEFAULT '';
ALTER TABLE committee_terms DROP CONSTRAINT committee_terms_committee_check;
ALTER TABLE committee_terms ADD CONSTRAINT committee_terms_committee_check
    CHECK (committee IN ('evaluation', 'awards', 'discipline'));
ALTER TABLE committee_terms ADD CONSTRAINT committee_terms_group_check
    CHECK ((committee = 'discipline') = (discipline_group <> ''));
DROP INDEX committee_terms_committee_idx;
CREATE INDEX committee_terms_committee_idx ON committee_terms (committee, discipline_group, ends_on);
-- @end
ALTER TABLE ballots ADD COLUMN discipline_group TEXT NOT NULL DEFAULT '';
ALTER TABLE nominations ADD COLUMN discipline_group TEXT NOT NULL DEFAULT '';
