-- A committee member recused from one item of a ballot for a conflict of interest with the
-- nomination, found among the expert pool's conflicts when the ballot opens (Regulation Art. 18).
-- The member cannot vote on the item, and does not count towards its quorum.
CREATE TABLE ballot_recusals (
    ballot_item_id BIGINT NOT NULL REFERENCES ballot_items (id),
    member_id BIGINT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    PRIMARY KEY (ballot_item_id, member_id)
);
