-- Passkeys (WebAuthn). An account's passkeys share one user handle, a random UUID its
-- authenticators give back when they sign in without a name being typed (a discoverable
-- credential). Each passkey keeps its credential id (base64url), the credential as webauthn-rs
-- serialises it (public key, signature counter), the name its owner gave it, and when it was last
-- used. A ceremony's state (the challenge sent) is kept here between its two steps: five
-- minutes, single use, only its token's hash.
CREATE TABLE passkey_handles (
    user_id BIGINT NOT NULL REFERENCES users (id),
    handle TEXT NOT NULL,
    CONSTRAINT passkey_handles_user_key UNIQUE (user_id),
    CONSTRAINT passkey_handles_handle_key UNIQUE (handle)
);
CREATE TABLE passkeys (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    credential_id TEXT NOT NULL,
    name TEXT NOT NULL,
    credential TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT NULL,
    CONSTRAINT passkeys_credential_id_key UNIQUE (credential_id)
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id);
CREATE TABLE passkey_ceremonies (
    id {{ID}},
    token_hash TEXT NOT NULL,
    user_id BIGINT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    state TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    CONSTRAINT passkey_ceremonies_token_hash_key UNIQUE (token_hash)
);
