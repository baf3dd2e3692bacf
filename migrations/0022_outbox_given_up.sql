-- A message the relay refuses for good, or that cannot be sent at all (an address no mailer
-- accepts), is given up after a bounded number of attempts instead of being retried forever;
-- the office sees it, with the relay's last answer, and may try it again.
ALTER TABLE outbox ADD COLUMN given_up_at TEXT NULL;
