-- Each session keeps where it was opened from (the client's address and the browser's own
-- description, cut to 300 characters), for its owner's list of active sessions.
ALTER TABLE sessions ADD COLUMN client TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
