-- A second factor. Each account may have one authenticator (TOTP, RFC 6238): its secret, when
-- its owner confirmed it with a first code, and the last time step accepted, so that no code is
-- accepted twice. Recovery codes work once each; only their hashes are kept. A sign-in whose
-- password was right and whose code is awaited is a challenge, valid five minutes, of which only
-- the token's hash is kept.
CREATE TABLE authenticators (
    user_id BIGINT NOT NULL REFERENCES users (id),
    secret TEXT NOT NULL,
    confirmed_at TEXT NULL,
    last_step BIGINT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT authenticators_user_key UNIQUE (user_id)
);
CREATE TABLE recovery_codes (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at TEXT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT recovery_codes_code_hash_key UNIQUE (code_hash)
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);
CREATE TABLE sign_in_challenges (
    id {{ID}},
    token_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    device_hash TEXT NULL,
    known_device INTEGER NOT NULL DEFAULT 0,
    notify_new_device INTEGER NOT NULL DEFAULT 0,
    client TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT sign_in_challenges_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX sign_in_challenges_user_idx ON sign_in_challenges (user_id);
