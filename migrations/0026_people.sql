-- The office administers every account in the browser. An invitation is to any role: a body for
-- a nominator's staff, the pool entry for an expert; it is mailed in the invitee's language, and
-- the office may revoke it. SQLite cannot make `body_id` optional, so the table is rebuilt there
-- with its rows and ids. Accounts keep their language for mail, and a password may be reset by a
-- single-use link, of which only the hash is kept.
-- @sqlite
CREATE TABLE invitations_next (
    id {{ID}},
    token_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'nominator',
    body_id BIGINT NULL REFERENCES nominator_bodies (id),
    expert_id BIGINT NULL REFERENCES experts (id),
    email TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'en',
    expires_at TEXT NOT NULL,
    used_at TEXT NULL,
    revoked_at TEXT NULL,
    user_id BIGINT NULL REFERENCES users (id),
    created_by BIGINT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT invitations_token_hash_key UNIQUE (token_hash),
    CONSTRAINT invitations_role_check CHECK (role IN ('admin', 'nominator', 'reviewer', 'committee', 'awards_committee', 'supervisor', 'approver', 'researcher')),
    CONSTRAINT invitations_lang_check CHECK (lang IN ('en', 'zh')),
    CONSTRAINT invitations_body_check CHECK ((role = 'nominator') = (body_id IS NOT NULL))
);
INSERT INTO invitations_next (id, token_hash, role, body_id, email, expires_at, used_at, user_id, created_by, created_at)
    SELECT id, token_hash, 'nominator', body_id, email, expires_at, used_at, user_id, created_by, created_at FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_next RENAME TO invitations;
-- @end
-- @postgres
ALTER TABLE invitations ALTER COLUMN body_id DROP NOT NULL;
ALTER TABLE invitations ADD COLUMN role TEXT NOT NULL DEFAULT 'nominator';
ALTER TABLE invitations ADD COLUMN expert_id BIGINT NULL REFERENCES experts (id);
ALTER TABLE invitations ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE invitations ADD COLUMN revoked_at TEXT NULL;
ALTER TABLE invitations ADD CONSTRAINT invitations_role_check
    CHECK (role IN ('admin', 'nominator', 'reviewer', 'committee', 'awards_committee', 'supervisor', 'approver', 'researcher'));
ALTER TABLE invitations ADD CONSTRAINT invitations_lang_check CHECK (lang IN ('en', 'zh'));
ALTER TABLE invitations ADD CONSTRAINT invitations_body_check CHECK ((role = 'nominator') = (body_id IS NOT NULL));
-- @end
CREATE INDEX invitations_email_idx ON invitations (email);

ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';

CREATE TABLE password_resets (
    id {{ID}},
    token_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    expires_at TEXT NOT NULL,
    used_at TEXT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT password_resets_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
