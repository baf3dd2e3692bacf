-- Expert review: the expert pool with affiliations and collaborations over time, explained
-- conflicts of interest, recorded assignment rounds, and scores by rubric.
CREATE TABLE experts (
    id {{ID}},
    user_id BIGINT NULL REFERENCES users (id),
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL,
    nationality TEXT NOT NULL DEFAULT '',
    -- Fields of expertise, comma-separated, lower case.
    fields TEXT NOT NULL DEFAULT '',
    orcid TEXT NOT NULL DEFAULT '',
    merged_into BIGINT NULL REFERENCES experts (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX experts_user_idx ON experts (user_id);
CREATE INDEX experts_email_idx ON experts (email);

CREATE TABLE expert_affiliations (
    id {{ID}},
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    institution TEXT NOT NULL,
    from_year BIGINT NOT NULL,
    to_year BIGINT NULL
);
CREATE INDEX expert_affiliations_expert_idx ON expert_affiliations (expert_id);

-- Co-authored work, joint projects, advisor and student, with a person or an institution.
CREATE TABLE expert_collaborations (
    id {{ID}},
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    partner TEXT NOT NULL,
    kind TEXT NOT NULL,
    year BIGINT NOT NULL
);
CREATE INDEX expert_collaborations_expert_idx ON expert_collaborations (expert_id);

-- Conflicts found by the rules, added by the office, or declared by the expert. Dismissing one
-- keeps it, with who dismissed it and why.
CREATE TABLE conflicts (
    id {{ID}},
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    dismissed_at TEXT NULL,
    dismissed_reason TEXT NULL,
    dismissed_by BIGINT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT conflicts_source_check CHECK (source IN ('detected', 'office', 'declared'))
);
CREATE INDEX conflicts_nomination_idx ON conflicts (nomination_id);
CREATE INDEX conflicts_expert_idx ON conflicts (expert_id);

-- An expert's declaration on a nomination before opening it: none, or a conflict.
CREATE TABLE declarations (
    id {{ID}},
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    has_conflict BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    declared_at TEXT NOT NULL,
    CONSTRAINT declarations_expert_nomination_key UNIQUE (expert_id, nomination_id)
);

CREATE TABLE assignment_rounds (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    mode TEXT NOT NULL,
    seed BIGINT NULL,
    demand BIGINT NOT NULL,
    max_load BIGINT NOT NULL,
    min_load BIGINT NOT NULL,
    objective BIGINT NOT NULL,
    pairs BIGINT NOT NULL,
    committed_by BIGINT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT assignment_rounds_mode_check CHECK (mode IN ('optimal', 'random'))
);

ALTER TABLE nominations ADD COLUMN affiliation TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN expert_id BIGINT NULL REFERENCES experts (id);
ALTER TABLE reviews ADD COLUMN round_id BIGINT NULL REFERENCES assignment_rounds (id);
-- Scores per criterion of the rubric, as a JSON object; `score` keeps the weighted total.
ALTER TABLE reviews ADD COLUMN criteria TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cycles ADD COLUMN reviews_released_at TEXT NULL;

-- Messages waiting to be sent (deadline reminders, receipts), delivered by the mail sender.
CREATE TABLE outbox (
    id {{ID}},
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    sent_at TEXT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT outbox_dedupe_key_key UNIQUE (dedupe_key)
);
