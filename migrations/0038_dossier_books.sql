-- Committee members' books of papers: a set per preparation (a committee of a cycle, with the
-- agenda), a copy per member in office, each with its own id printed on every page. A copy is
-- rendered off the request path: queued, claimed by one server (`claimed_at`, taken over after
-- ten minutes), then ready with its PDF, or failed with the error. Records of the cycle: sealed
-- with it.
CREATE TABLE book_sets (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    committee TEXT NOT NULL,
    agenda TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES users (id),
    requested_at TEXT NOT NULL,
    CONSTRAINT book_sets_committee_check CHECK (committee IN ('evaluation', 'awards'))
);
CREATE INDEX book_sets_cycle_idx ON book_sets (cycle_id);

CREATE TABLE dossier_books (
    id {{ID}},
    set_id BIGINT NOT NULL REFERENCES book_sets (id),
    member_id BIGINT NOT NULL REFERENCES users (id),
    copy_id TEXT NOT NULL,
    state TEXT NOT NULL,
    pages BIGINT NOT NULL DEFAULT 0,
    pdf {{BLOB}} NULL,
    claimed_at TEXT NULL,
    rendered_at TEXT NULL,
    error TEXT NULL,
    CONSTRAINT dossier_books_copy_id_key UNIQUE (copy_id),
    CONSTRAINT dossier_books_state_check CHECK (state IN ('queued', 'rendering', 'ready', 'failed'))
);
CREATE INDEX dossier_books_set_idx ON dossier_books (set_id);
CREATE INDEX dossier_books_state_idx ON dossier_books (state);
