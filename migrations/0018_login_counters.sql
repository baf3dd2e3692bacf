-- Sign-in throttling by counters with a progressive delay instead of a count of failure rows:
-- one row per key (an account as typed, a client address or a known device), changed only by a
-- compare-and-set on its failure count, so concurrent attempts each reserve their own place.
CREATE TABLE login_counters (
    throttle_key TEXT NOT NULL PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at TEXT NOT NULL,
    next_at TEXT NOT NULL
);
CREATE INDEX login_counters_last_at_idx ON login_counters (last_at);

-- Browsers that have signed in to an account: a failure elsewhere never slows them down. Only
-- the SHA-256 of the device token is kept.
CREATE TABLE known_devices (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL
);
CREATE INDEX known_devices_user_idx ON known_devices (user_id);

DROP TABLE login_failures;
