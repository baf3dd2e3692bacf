-- Scheduled work shared by several servers: a job (closing due ballots, queueing reminders,
-- sweeping sessions) runs on whichever server holds its lease, so it runs once per tick however
-- many servers there are. A lease that runs out (its server died) is taken by the next server.
CREATE TABLE job_leases (
    name TEXT NOT NULL PRIMARY KEY,
    holder TEXT NOT NULL,
    held_until TEXT NOT NULL
);
-- Which server holds an outbox message while it sends it, for the operator's view.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NULL;
-- Attempts counted against a rate limit (public objections per client address), kept in the
-- database so that a client spread over several servers has one allowance, not one per server.
CREATE TABLE rate_events (
    id {{ID}},
    limit_key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX rate_events_key_idx ON rate_events (limit_key, at);
-- The members of a nominating body, counted for every view of its nominations.
CREATE INDEX users_body_idx ON users (body_id);
