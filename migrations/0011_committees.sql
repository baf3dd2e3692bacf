-- Committees and their members' terms, and who may vote on each ballot.
-- A term belongs to one member of one committee (`evaluation` or `awards`) in one position;
-- `ends_on` is the last day of the term, moved earlier when a member leaves before its end.
CREATE TABLE committee_terms (
    id {{ID}},
    committee TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    position TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    ended_early_reason TEXT NULL,
    appointed_at TEXT NOT NULL,
    CONSTRAINT committee_terms_committee_check CHECK (committee IN ('evaluation', 'awards')),
    CONSTRAINT committee_terms_position_check CHECK (position IN ('chair', 'secretary', 'member')),
    CONSTRAINT committee_terms_dates_check CHECK (starts_on <= ends_on)
);
CREATE INDEX committee_terms_committee_idx ON committee_terms (committee, ends_on);
CREATE INDEX committee_terms_user_idx ON committee_terms (user_id);

-- The members in office when a ballot opened: they, and only they, may vote on it.
CREATE TABLE ballot_electorate (
    ballot_id BIGINT NOT NULL REFERENCES ballots (id),
    member_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (ballot_id, member_id)
);

-- A ballot closes when the chair closes it or at this moment, whichever comes first.
ALTER TABLE ballots ADD COLUMN closes_at TEXT NULL;
