-- A committee's meetings on a cycle, as its secretary records them: the day, the place, who
-- attended (the quorum is checked against attendance), the agenda, the ballots decided there and
-- the minutes, which the chair approves; approved minutes do not change. Records of the cycle:
-- sealed with it.
CREATE TABLE committee_meetings (
    id {{ID}},
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    committee TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    agenda TEXT NOT NULL,
    members BIGINT NOT NULL,
    quorate BIGINT NOT NULL,
    minutes TEXT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL,
    minutes_approved_by BIGINT NULL REFERENCES users (id),
    minutes_approved_at TEXT NULL,
    CONSTRAINT committee_meetings_committee_check CHECK (committee IN ('evaluation', 'awards'))
);
CREATE INDEX committee_meetings_cycle_idx ON committee_meetings (cycle_id);

CREATE TABLE meeting_attendance (
    meeting_id BIGINT NOT NULL REFERENCES committee_meetings (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE meeting_ballots (
    meeting_id BIGINT NOT NULL REFERENCES committee_meetings (id),
    ballot_id BIGINT NOT NULL REFERENCES ballots (id),
    PRIMARY KEY (meeting_id, ballot_id)
);
