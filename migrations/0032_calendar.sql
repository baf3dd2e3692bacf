-- The planned calendar. A phase row's `began_at` is set, once, by whatever starts the phase (its
-- date, read by the scheduled job, or the office moving on early), in the transaction that does
-- what the start of that phase does; a phase whose row is still unmarked after its date has not
-- been entered yet. Phases in force when this migration runs have begun.
ALTER TABLE cycle_phases ADD COLUMN began_at TEXT NULL;
-- @sqlite
UPDATE cycle_phases SET began_at = starts_at WHERE starts_at <= strftime('%Y-%m-%dT%H:%M:%f000Z', 'now');
-- @end
-- @postgres
UPDATE cycle_phases SET began_at = starts_at WHERE starts_at <= to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
-- @end

-- Per-person extensions of a deadline, each with its reason: a nominating body may still submit
-- after the nomination window closes, an expert may still score after the review phase ends,
-- until `until`.
CREATE TABLE deadline_extensions (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    kind TEXT NOT NULL,
    body_id BIGINT NULL REFERENCES nominator_bodies (id),
    user_id BIGINT NULL REFERENCES users (id),
    until TEXT NOT NULL,
    reason TEXT NOT NULL,
    granted_by BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT deadline_extensions_kind_check CHECK (kind IN ('nomination', 'review')),
    CONSTRAINT deadline_extensions_subject_check CHECK (
        (kind = 'nomination' AND body_id IS NOT NULL AND user_id IS NULL)
        OR (kind = 'review' AND user_id IS NOT NULL AND body_id IS NULL))
);
CREATE INDEX deadline_extensions_cycle_idx ON deadline_extensions (cycle_id, kind);

-- Per-user calendar feeds (RFC 5545): only the hash of the secret in the feed's address is kept.
CREATE TABLE calendar_feeds (
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT calendar_feeds_user_key UNIQUE (user_id),
    CONSTRAINT calendar_feeds_token_key UNIQUE (token_hash)
);

-- How each scheduled job last ran, for the office: a job that fails is retried at its next tick
-- and its error shown until a run succeeds.
CREATE TABLE job_runs (
    name TEXT NOT NULL PRIMARY KEY,
    last_run_at TEXT NOT NULL,
    last_ok_at TEXT NULL,
    last_error TEXT NULL,
    failures BIGINT NOT NULL DEFAULT 0
);

-- An expert asked to review a nomination may decline, with a reason: the assignment is removed
-- (the slot is free for another expert), the decline kept here for the office, and the same
-- expert is not assigned that nomination again.
CREATE TABLE review_declines (
    id {{ID}},
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    reviewer_id BIGINT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    declined_at TEXT NOT NULL,
    CONSTRAINT review_declines_nomination_reviewer_key UNIQUE (nomination_id, reviewer_id)
);

-- Invitations to a ceremony: the office invites a laureate through their nominating body, which
-- records the laureate's reply.
CREATE TABLE ceremony_invitations (
    ceremony_id BIGINT NOT NULL REFERENCES ceremonies (id),
    laureate_id BIGINT NOT NULL REFERENCES laureates (id),
    invited_at TEXT NOT NULL,
    reply TEXT NULL,
    replied_at TEXT NULL,
    PRIMARY KEY (ceremony_id, laureate_id),
    CONSTRAINT ceremony_invitations_reply_check CHECK (reply IS NULL OR reply IN ('attending', 'represented', 'not_attending'))
);
