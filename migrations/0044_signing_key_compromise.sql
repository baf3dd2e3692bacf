-- A certificate signing key can be marked compromised from a day (docs/CERTIFICATES.md): what it
-- signed from that day on (in the office's time zone) is shown as not to be relied on, what it
-- signed before stands. The day only ever moves earlier.
ALTER TABLE signing_keys ADD COLUMN compromised_from TEXT NULL;
