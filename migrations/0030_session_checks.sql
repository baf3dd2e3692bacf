-- When each session's owner last proved who they are (the password at sign-in, or given again
-- to confirm a consequential act). Acts such as closing a ballot or approving ask again when the
-- last check is older than ten minutes. A session opened before this change counts from its
-- sign-in.
ALTER TABLE sessions ADD COLUMN checked_at TEXT NOT NULL DEFAULT '';
UPDATE sessions SET checked_at = created_at;
