-- Secret keys never live in the database or its backups. A certificate key the system made and
-- kept here is exposed to everyone who ever held the database or a backup of it: it signs
-- nothing more. Its public half stays published, so every certificate it signed still verifies;
-- new certificates are signed with a key from a file (`--signing-key`, or the data folder's
-- `certificate.key`), registered on first use beside it (key rotation).
UPDATE signing_keys SET secret_key = NULL;
