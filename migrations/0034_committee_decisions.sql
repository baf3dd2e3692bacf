-- Ballots of both committees: the evaluation committee's and the Awards Committee's. An Awards
-- Committee ballot is adopted as its resolution once, by an Awards Committee member.
ALTER TABLE ballots ADD COLUMN committee TEXT NOT NULL DEFAULT 'evaluation';
ALTER TABLE ballots ADD COLUMN adopted_at TEXT NULL;
ALTER TABLE ballots ADD COLUMN adopted_by BIGINT NULL REFERENCES users (id);

-- The ministry's review and the approving body's decision, one row per candidate and decision:
-- approved, returned to the Awards Committee or refused, with the reasons and the number and
-- date of the decision's document. A candidate returned and voted again has a row per round.
CREATE TABLE candidate_decisions (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    stage TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reasons TEXT NOT NULL,
    document TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL,
    CONSTRAINT candidate_decisions_stage_check CHECK (stage IN ('ministry', 'approval')),
    CONSTRAINT candidate_decisions_outcome_check CHECK (outcome IN ('approved', 'returned', 'refused'))
);
CREATE INDEX candidate_decisions_cycle_idx ON candidate_decisions (cycle_id, nomination_id);
