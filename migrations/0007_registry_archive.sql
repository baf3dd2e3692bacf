-- The registry's corrections, versioned, and the sealed archive's access requests.
ALTER TABLE laureates ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- Every correction of a registry record: what changed, why, on which source. Never silent.
CREATE TABLE laureate_revisions (
    id {{ID}},
    laureate_id BIGINT NOT NULL REFERENCES laureates (id),
    number BIGINT NOT NULL,
    changes TEXT NOT NULL,
    reason TEXT NOT NULL,
    source_url TEXT NOT NULL DEFAULT '',
    corrected_by BIGINT NULL REFERENCES users (id),
    at TEXT NOT NULL,
    CONSTRAINT laureate_revisions_number_key UNIQUE (laureate_id, number)
);

CREATE TABLE archive_requests (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    researcher_id BIGINT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    state TEXT NOT NULL,
    note TEXT NULL,
    decided_by BIGINT NULL REFERENCES users (id),
    decided_at TEXT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT archive_requests_state_check CHECK (state IN ('requested', 'granted', 'refused'))
);
CREATE INDEX archive_requests_researcher_idx ON archive_requests (researcher_id);
