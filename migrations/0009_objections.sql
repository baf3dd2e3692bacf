-- Objections to published candidates, their files and notes, and the supervision committee's
-- report on a cycle. The objector's identity lives only in `objections`; what the nominator sees
-- is read without it.
CREATE TABLE objections (
    id {{ID}},
    receipt TEXT NOT NULL,
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    objector_kind TEXT NOT NULL,
    objector_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    grounds TEXT NOT NULL,
    statement TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    triage_reason TEXT,
    response_request TEXT,
    response_due TEXT,
    nominator_response TEXT,
    effect TEXT,
    reply TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT objections_receipt_key UNIQUE (receipt),
    CONSTRAINT objections_fingerprint_key UNIQUE (fingerprint),
    CONSTRAINT objections_kind_check CHECK (objector_kind IN ('person', 'organization')),
    CONSTRAINT objections_status_check CHECK (status IN ('received', 'admitted', 'inadmissible', 'awaiting_response', 'responded', 'dismissed', 'upheld'))
);
CREATE INDEX objections_nomination_idx ON objections (nomination_id);
CREATE INDEX objections_cycle_idx ON objections (cycle_id);

CREATE TABLE objection_files (
    id {{ID}},
    objection_id BIGINT NOT NULL REFERENCES objections (id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data {{BLOB}} NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX objection_files_objection_idx ON objection_files (objection_id);

CREATE TABLE objection_notes (
    id {{ID}},
    objection_id BIGINT NOT NULL REFERENCES objections (id),
    author_id BIGINT REFERENCES users (id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX objection_notes_objection_idx ON objection_notes (objection_id);

CREATE TABLE supervision_reports (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    author_id BIGINT REFERENCES users (id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT supervision_reports_cycle_key UNIQUE (cycle_id)
);
