-- Award cycles with their phase schedule, and nominations with their history.
CREATE TABLE cycles (
    id {{ID}},
    program TEXT NOT NULL,
    award_year BIGINT NOT NULL,
    rule_set_id TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_zh TEXT NOT NULL,
    ministry_reviewed_at TEXT NULL,
    ministry_note TEXT NULL,
    approved_at TEXT NULL,
    approval_document TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT cycles_program_award_year_key UNIQUE (program, award_year)
);

CREATE TABLE cycle_phases (
    cycle_id BIGINT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, phase)
);

CREATE TABLE nominations (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    body_id BIGINT NOT NULL REFERENCES nominator_bodies (id),
    created_by BIGINT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL,
    citation_en TEXT NOT NULL DEFAULT '',
    citation_zh TEXT NOT NULL DEFAULT '',
    state_reason TEXT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    submitted_at TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX nominations_cycle_state_idx ON nominations (cycle_id, state);
CREATE INDEX nominations_body_idx ON nominations (body_id);

-- What happened to a nomination, as its nominator may see it (never who reviewed it).
CREATE TABLE nomination_events (
    id {{ID}},
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    reason TEXT NULL,
    at TEXT NOT NULL
);
CREATE INDEX nomination_events_nomination_idx ON nomination_events (nomination_id);
