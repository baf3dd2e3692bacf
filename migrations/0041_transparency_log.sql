-- The transparency log (docs/TRANSPARENCY.md): the audit entries as leaves of a Merkle tree.
-- The sequencer alone writes these tables: it integrates entries after `log_tree.size` in
-- batches, storing the tree's hashes (the stored-hash indexes of Go's tlog) and moving the size
-- in the same transaction, then publishes a signed checkpoint of the new tree. Existing audit
-- entries are integrated by its first runs, in order; the migration itself computes nothing.
CREATE TABLE log_tree (
    id BIGINT NOT NULL PRIMARY KEY,
    size BIGINT NOT NULL,
    CONSTRAINT log_tree_single_row CHECK (id = 1)
);
INSERT INTO log_tree (id, size) VALUES (1, 0);

CREATE TABLE log_hashes (
    idx BIGINT NOT NULL PRIMARY KEY,
    hash {{BLOB}} NOT NULL
);

-- Every checkpoint published, kept for good: the signed note as served, and its tree.
CREATE TABLE log_checkpoints (
    size BIGINT NOT NULL PRIMARY KEY,
    root TEXT NOT NULL,
    note TEXT NOT NULL,
    published_at TEXT NOT NULL
);
CREATE INDEX log_checkpoints_published_idx ON log_checkpoints (published_at);

-- The witnesses that cosign the log's checkpoints: the size each last cosigned, from which the
-- next consistency proof it is sent starts.
CREATE TABLE log_witnesses (
    name TEXT NOT NULL PRIMARY KEY,
    size BIGINT NOT NULL
);

-- @sqlite
CREATE TRIGGER log_hashes_no_update BEFORE UPDATE ON log_hashes
BEGIN
    SELECT RAISE(ABORT, 'log_hashes is append-only');
END;
CREATE TRIGGER log_hashes_no_delete BEFORE DELETE ON log_hashes
BEGIN
    SELECT RAISE(ABORT, 'log_hashes is append-only');
END;
-- @end
-- @postgres
CREATE FUNCTION log_hashes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'log_hashes is append-only';
END;
$$;
CREATE TRIGGER log_hashes_no_update BEFORE UPDATE OR DELETE ON log_hashes
    FOR EACH ROW EXECUTE FUNCTION log_hashes_append_only();
-- @end
