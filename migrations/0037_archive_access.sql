-- The sealed archive, opened only as the law allows. A researcher's grant has a scope (which kinds
-- of record) and an expiry; a grant decided before these columns existed covers every kind and
-- lasts a year from its decision (read so by the service). The office opens a sealed cycle only on
-- a recorded legal basis, for a bounded time; every opening, and every read under an opening or a
-- grant, is in the audit log, which the supervision committee reads.
ALTER TABLE archive_requests ADD COLUMN scope TEXT NOT NULL DEFAULT 'dossiers,reviews,objections,deliberations,history';
ALTER TABLE archive_requests ADD COLUMN expires_at TEXT NULL;

CREATE TABLE archive_openings (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    basis TEXT NOT NULL,
    reference TEXT NOT NULL,
    reason TEXT NOT NULL,
    opened_by BIGINT NOT NULL REFERENCES users (id),
    opened_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_by BIGINT NULL REFERENCES users (id),
    ended_at TEXT NULL,
    CONSTRAINT archive_openings_basis_check CHECK (basis IN ('revocation_case', 'audit', 'judicial'))
);
CREATE INDEX archive_openings_cycle_idx ON archive_openings (cycle_id);
