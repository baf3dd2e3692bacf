-- A change of one's e-mail address waits for the new address to confirm it by a mailed,
-- single-use link; only the link's hash is kept.
CREATE TABLE email_changes (
    id {{ID}},
    token_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    new_email TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT email_changes_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX email_changes_user_idx ON email_changes (user_id);
