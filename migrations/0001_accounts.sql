-- Accounts, nominating bodies and server-side sessions.
CREATE TABLE nominator_bodies (
    id {{ID}},
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL DEFAULT '',
    class TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT nominator_bodies_name_en_key UNIQUE (name_en)
);

CREATE TABLE users (
    id {{ID}},
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    body_id BIGINT NULL REFERENCES nominator_bodies (id),
    active BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'nominator', 'reviewer', 'committee', 'awards_committee', 'supervisor', 'approver', 'researcher'))
);

-- The session token itself is never stored, only its SHA-256.
CREATE TABLE sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
