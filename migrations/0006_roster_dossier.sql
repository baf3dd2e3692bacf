-- Nominations in depth: the roster (sanctions, invitations), the full dossier with its versions
-- and evidence, and the integrity register.
CREATE TABLE body_sanctions (
    id {{ID}},
    body_id BIGINT NOT NULL REFERENCES nominator_bodies (id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NULL,
    decided_by BIGINT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT body_sanctions_kind_check CHECK (kind IN ('suspension', 'cancellation'))
);
CREATE INDEX body_sanctions_body_idx ON body_sanctions (body_id);

-- Only the SHA-256 of an invitation token is stored; the link is shown once.
CREATE TABLE invitations (
    id {{ID}},
    token_hash TEXT NOT NULL,
    body_id BIGINT NOT NULL REFERENCES nominator_bodies (id),
    email TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL,
    user_id BIGINT NULL REFERENCES users (id),
    created_by BIGINT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT invitations_token_hash_key UNIQUE (token_hash)
);

ALTER TABLE nominations ADD COLUMN birth_year BIGINT NULL;
ALTER TABLE nominations ADD COLUMN contribution_en TEXT NOT NULL DEFAULT '';
ALTER TABLE nominations ADD COLUMN contribution_zh TEXT NOT NULL DEFAULT '';
-- Chinese partner institutions with their years of cooperation, as a JSON array.
ALTER TABLE nominations ADD COLUMN partners TEXT NOT NULL DEFAULT '[]';
-- When the nominator declared the material true (Regulation Art. 15), at the last submission.
ALTER TABLE nominations ADD COLUMN declared_at TEXT NULL;
-- The office's formal review checklist at its last decision, as a JSON object.
ALTER TABLE nominations ADD COLUMN checklist TEXT NOT NULL DEFAULT '{}';

-- The dossier as submitted, each time: a returned dossier keeps its earlier versions.
CREATE TABLE nomination_versions (
    id {{ID}},
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    number BIGINT NOT NULL,
    dossier TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    CONSTRAINT nomination_versions_number_key UNIQUE (nomination_id, number)
);

CREATE TABLE attachments (
    id {{ID}},
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data {{BLOB}} NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_nomination_idx ON attachments (nomination_id);

CREATE TABLE integrity_listings (
    id {{ID}},
    kind TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    name_zh TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NULL,
    reference TEXT NOT NULL DEFAULT '',
    created_by BIGINT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT integrity_listings_kind_check CHECK (kind IN ('misconduct_ban', 'serious_dishonesty', 'disciplinary_sanction'))
);
