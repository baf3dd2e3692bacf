-- A revocation passes through the ministry (Regulation Art. 30: MOST submits it to the original
-- approving body): after the Awards Committee's opinion to revoke, the office records the
-- ministry's submission, or its decision not to submit, with its note and date. The state check
-- admits `submitted`. SQLite cannot change a check, so the case table is rebuilt there with its
-- rows, ids and index; the answers, which refer to it, are carried across first so that no
-- reference dangles while the table is replaced.
-- @sqlite
CREATE TABLE revocation_answers_keep AS SELECT revocation_id, party, body, answered_at FROM revocation_answers;
DROP TABLE revocation_answers;
CREATE TABLE revocations_next (
    id {{ID}},
    laureate_id BIGINT NOT NULL REFERENCES laureates (id),
    nomination_id BIGINT NULL REFERENCES nominations (id),
    ground TEXT NOT NULL,
    statement TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    summary_zh TEXT NOT NULL,
    state TEXT NOT NULL,
    respond_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    decision_note TEXT NULL,
    decided_at TEXT NULL,
    ministry_note TEXT NULL,
    ministry_at TEXT NULL,
    approval_document TEXT NULL,
    approved_at TEXT NULL,
    CONSTRAINT revocations_ground_check CHECK (ground IN ('plagiarism', 'fraud', 'improper_means')),
    CONSTRAINT revocations_state_check CHECK (state IN ('notified', 'decided', 'submitted', 'revoked', 'dismissed'))
);
INSERT INTO revocations_next (id, laureate_id, nomination_id, ground, statement, summary_en, summary_zh,
        state, respond_by, opened_at, decision_note, decided_at, approval_document, approved_at)
    SELECT id, laureate_id, nomination_id, ground, statement, summary_en, summary_zh,
        state, respond_by, opened_at, decision_note, decided_at, approval_document, approved_at
    FROM revocations;
DROP TABLE revocations;
ALTER TABLE revocations_next RENAME TO revocations;
CREATE INDEX revocations_laureate_idx ON revocations (laureate_id);
CREATE TABLE revocation_answers (
    revocation_id BIGINT NOT NULL REFERENCES revocations (id),
    party TEXT NOT NULL,
    body TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (revocation_id, party),
    CONSTRAINT revocation_answers_party_check CHECK (party IN ('laureate', 'nominator'))
);
INSERT INTO revocation_answers (revocation_id, party, body, answered_at)
    SELECT revocation_id, party, body, answered_at FROM revocation_answers_keep;
DROP TABLE revocation_answers_keep;
-- @end
-- @postgres
ALTER TABLE revocations ADD COLUMN ministry_note TEXT NULL;
ALTER TABLE revocations ADD COLUMN ministry_at TEXT NULL;
ALTER TABLE revocations DROP CONSTRAINT revocations_state_check;
ALTER TABLE revocations ADD CONSTRAINT revocations_state_check
    CHECK (state IN ('notified', 'decided', 'submitted', 'revoked', 'dismissed'));
-- @end
