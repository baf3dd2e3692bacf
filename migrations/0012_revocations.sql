-- Revocation cases (Regulation Art. 30): grounds, the notice and its deadline, the parties'
-- answers, the Awards Committee's decision and the approving body's approval. A revoked laureate
-- stays in the registry with the date and a summary of the grounds.
CREATE TABLE revocations (
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
    approval_document TEXT NULL,
    approved_at TEXT NULL,
    CONSTRAINT revocations_ground_check CHECK (ground IN ('plagiarism', 'fraud', 'improper_means')),
    CONSTRAINT revocations_state_check CHECK (state IN ('notified', 'decided', 'revoked', 'dismissed'))
);
CREATE INDEX revocations_laureate_idx ON revocations (laureate_id);

CREATE TABLE revocation_answers (
    revocation_id BIGINT NOT NULL REFERENCES revocations (id),
    party TEXT NOT NULL,
    body TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (revocation_id, party),
    CONSTRAINT revocation_answers_party_check CHECK (party IN ('laureate', 'nominator'))
);

ALTER TABLE laureates ADD COLUMN revocation_summary_en TEXT NOT NULL DEFAULT '';
ALTER TABLE laureates ADD COLUMN revocation_summary_zh TEXT NOT NULL DEFAULT '';
