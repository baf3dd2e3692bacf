-- Delivery of the outbox by SMTP: when a message may next be tried, which server holds it while
-- sending (so two servers never send one message at once), and the last failure.
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT NULL;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT NULL;
ALTER TABLE outbox ADD COLUMN last_error TEXT NULL;
CREATE INDEX outbox_unsent_idx ON outbox (sent_at, next_attempt_at);
