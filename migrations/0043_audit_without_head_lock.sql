-- Writes no longer queue on the audit chain's head (docs/TRANSPARENCY.md, "The sequencer").
-- An entry is numbered by the database when it is written (a sequence on PostgreSQL, the rowid on
-- SQLite) and queued in `audit_unlogged` in the same transaction; the sequencer alone integrates
-- queued entries into the log's tree, in the order it finds them, recording each entry's place in
-- `log_leaves`. Entries written from here on carry no chain hashes (the tree commits to them);
-- the chain of earlier entries is kept as it is and still verified, up to `audit_head`, which no
-- longer moves. Entries already in the tree keep their place (leaf i = entry i + 1); the others
-- are queued.
-- @sqlite
CREATE TABLE audit_log_next (
    seq INTEGER NOT NULL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NULL,
    hash TEXT NULL
);
INSERT INTO audit_log_next (seq, at, actor, action, subject_type, subject_id, payload, prev_hash, hash)
    SELECT seq, at, actor, action, subject_type, subject_id, payload, prev_hash, hash FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_next RENAME TO audit_log;
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- @end
-- @postgres
CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq;
SELECT setval('audit_log_seq', (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log), false);
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq');
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
-- @end

-- Each leaf of the tree: the entry it holds.
CREATE TABLE log_leaves (
    idx BIGINT NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE
);
INSERT INTO log_leaves (idx, seq)
    SELECT seq - 1, seq FROM audit_log WHERE seq <= (SELECT size FROM log_tree WHERE id = 1);

-- Entries written but not yet in the tree.
CREATE TABLE audit_unlogged (
    seq BIGINT NOT NULL PRIMARY KEY
);
INSERT INTO audit_unlogged (seq)
    SELECT seq FROM audit_log WHERE seq > (SELECT size FROM log_tree WHERE id = 1);

-- Servers of an earlier version cannot take part once this has run: their appends move the
-- chain's head, which is now refused (their transaction fails; nothing is written), and their
-- sequencer's lease is held for good, so it never integrates an entry without its leaf. The
-- sequencer of this version takes the lease `tlog-sequencer`.
DELETE FROM job_leases WHERE name = 'log-sequencer';
INSERT INTO job_leases (name, holder, held_until)
    VALUES ('log-sequencer', 'retired by migration 43', '9999-12-31T00:00:00.000000Z');

-- @sqlite
CREATE TRIGGER audit_head_frozen BEFORE UPDATE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head no longer moves (migration 43): stop the servers of an earlier version');
END;
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves
BEGIN
    SELECT RAISE(ABORT, 'log_leaves is append-only');
END;
CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves
BEGIN
    SELECT RAISE(ABORT, 'log_leaves is append-only');
END;
-- @end
-- @postgres
CREATE FUNCTION audit_head_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_head no longer moves (migration 43): stop the servers of an earlier version';
END;
$$;
CREATE TRIGGER audit_head_frozen BEFORE UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_frozen();
CREATE FUNCTION log_leaves_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'log_leaves is append-only';
END;
$$;
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE OR DELETE ON log_leaves
    FOR EACH ROW EXECUTE FUNCTION log_leaves_append_only();
-- @end
