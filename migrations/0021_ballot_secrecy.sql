-- While a ballot is open, each vote is kept sealed under a key held outside the database (see
-- the `seal` module): nothing stored links it to the member whose participation was written in
-- the same transaction. At close the votes are opened, shuffled and written to ballot_votes in
-- the closing transaction, and these rows are deleted.
CREATE TABLE ballot_sealed_votes (
    id TEXT NOT NULL PRIMARY KEY,
    ballot_item_id BIGINT NOT NULL REFERENCES ballot_items (id),
    sealed TEXT NOT NULL
);
CREATE INDEX ballot_sealed_votes_item_idx ON ballot_sealed_votes (ballot_item_id);

-- A member declares their interests on a ballot before voting on it (Regulation Art. 18): the
-- items they declare a conflict with become recusals (reason conflict-declared-ballot).
CREATE TABLE ballot_declarations (
    ballot_id BIGINT NOT NULL REFERENCES ballots (id),
    member_id BIGINT NOT NULL REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    declared_at TEXT NOT NULL,
    PRIMARY KEY (ballot_id, member_id)
);
