-- Evaluation structure per program. Each award has its own evaluation committee (评审委员会,
-- one per award) and, where its rules list them, evaluation groups (学科评审组, Regulations
-- Art. 19) that vote on the reviewed candidates nominated to them before the committee does.
-- A committee term names its `scope`: the program of an evaluation committee's term, the group
-- (an id unique across programs) of an evaluation group's, '' for the Awards Committee, which
-- serves every award. The evaluation committee in office until now sat for every program: its
-- terms become the ISTC Award's, and are copied to each other program a cycle was opened for,
-- so every round keeps the members it had. A ballot of a group names the group ('' for the
-- others); a nomination names the group its nominator chose ('' where the program has none).
-- SQLite cannot change a check, so committee_terms is rebuilt there with its rows, ids and
-- indexes.
-- @sqlite
CREATE TABLE committee_terms_next (
    id {{ID}},
    committee TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    user_id BIGINT NOT NULL REFERENCES users (id),
    position TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    ended_early_reason TEXT NULL,
    appointed_at TEXT NOT NULL,
    CONSTRAINT committee_terms_committee_check CHECK (committee IN ('evaluation', 'awards', 'discipline')),
    CONSTRAINT committee_terms_scope_check CHECK ((committee = 'awards') = (scope = '')),
    CONSTRAINT committee_terms_position_check CHECK (position IN ('chair', 'vice_chair', 'secretary', 'member')),
    CONSTRAINT committee_terms_dates_check CHECK (starts_on <= ends_on)
);
INSERT INTO committee_terms_next (id, committee, scope, user_id, position, starts_on, ends_on, ended_early_reason, appointed_at)
    SELECT id, committee, CASE WHEN committee = 'evaluation' THEN 'istc' ELSE '' END,
           user_id, position, starts_on, ends_on, ended_early_reason, appointed_at
    FROM committee_terms;
DROP TABLE committee_terms;
ALTER TABLE committee_terms_next RENAME TO committee_terms;
CREATE INDEX committee_terms_committee_idx ON committee_terms (committee, scope, ends_on);
CREATE INDEX committee_terms_user_idx ON committee_terms (user_id);
-- @end
-- @postgres
ALTER TABLE committee_terms ADD COLUMN scope TEXT NOT NULL DEFAULT '';
UPDATE committee_terms SET scope = 'istc' WHERE committee = 'evaluation';
ALTER TABLE committee_terms DROP CONSTRAINT committee_terms_committee_check;
ALTER TABLE committee_terms ADD CONSTRAINT committee_terms_committee_check
    CHECK (committee IN ('evaluation', 'awards', 'discipline'));
ALTER TABLE committee_terms ADD CONSTRAINT committee_terms_scope_check
    CHECK ((committee = 'awards') = (scope = ''));
DROP INDEX committee_terms_committee_idx;
CREATE INDEX committee_terms_committee_idx ON committee_terms (committee, scope, ends_on);
-- @end
INSERT INTO committee_terms (committee, scope, user_id, position, starts_on, ends_on, ended_early_reason, appointed_at)
    SELECT t.committee, p.program, t.user_id, t.position, t.starts_on, t.ends_on,
           t.ended_early_reason, t.appointed_at
    FROM committee_terms t
    JOIN (SELECT DISTINCT program FROM cycles WHERE program <> 'istc') p ON 1 = 1
    WHERE t.committee = 'evaluation' AND t.scope = 'istc'
    ORDER BY p.program, t.id;
ALTER TABLE ballots ADD COLUMN discipline_group TEXT NOT NULL DEFAULT '';
ALTER TABLE nominations ADD COLUMN discipline_group TEXT NOT NULL DEFAULT '';
