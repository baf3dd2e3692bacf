-- Failed sign-ins, by account (the e-mail address as typed, whether or not an account has it) and
-- by client address, for throttling. Kept in the database so every server sees the same counts.
CREATE TABLE login_failures (
    id {{ID}},
    throttle_key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_key_idx ON login_failures (throttle_key, at);
