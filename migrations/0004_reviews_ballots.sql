-- Expert reviews and committee ballots.
CREATE TABLE reviews (
    id {{ID}},
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    reviewer_id BIGINT NOT NULL REFERENCES users (id),
    score BIGINT NULL,
    comment TEXT NULL,
    assigned_at TEXT NOT NULL,
    submitted_at TEXT NULL,
    CONSTRAINT reviews_nomination_reviewer_key UNIQUE (nomination_id, reviewer_id)
);
CREATE INDEX reviews_reviewer_idx ON reviews (reviewer_id);

CREATE TABLE ballots (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    round BIGINT NOT NULL,
    state TEXT NOT NULL,
    secret BIGINT NOT NULL,
    members BIGINT NOT NULL,
    opened_by BIGINT NOT NULL REFERENCES users (id),
    opened_at TEXT NOT NULL,
    closed_at TEXT NULL,
    CONSTRAINT ballots_cycle_round_key UNIQUE (cycle_id, round)
);

CREATE TABLE ballot_items (
    id {{ID}},
    ballot_id BIGINT NOT NULL REFERENCES ballots (id),
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    outcome TEXT NULL,
    yes BIGINT NOT NULL DEFAULT 0,
    no BIGINT NOT NULL DEFAULT 0,
    abstain BIGINT NOT NULL DEFAULT 0,
    recused BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT ballot_items_ballot_nomination_key UNIQUE (ballot_id, nomination_id)
);

-- That a member voted on an item (one vote each), never how.
CREATE TABLE ballot_participation (
    ballot_item_id BIGINT NOT NULL REFERENCES ballot_items (id),
    member_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (ballot_item_id, member_id)
);

-- How someone voted, never who: keyed by a random id, linked to no member. The member keeps a
-- receipt whose hash is stored here, so they can check their vote was counted as cast.
CREATE TABLE ballot_votes (
    id TEXT NOT NULL PRIMARY KEY,
    ballot_item_id BIGINT NOT NULL REFERENCES ballot_items (id),
    vote TEXT NOT NULL,
    receipt_hash TEXT NOT NULL,
    CONSTRAINT ballot_votes_vote_check CHECK (vote IN ('yes', 'no', 'abstain'))
);
CREATE INDEX ballot_votes_item_idx ON ballot_votes (ballot_item_id);
