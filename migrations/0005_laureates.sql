-- The public registry of laureates, with the source of every record.
CREATE TABLE laureates (
    id {{ID}},
    award_year BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    name_zh TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL DEFAULT '',
    affiliation TEXT NOT NULL DEFAULT '',
    ceremony_date TEXT NULL,
    ceremony_place TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'awarded',
    revoked_at TEXT NULL,
    nomination_id BIGINT NULL REFERENCES nominations (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT laureates_award_year_name_key UNIQUE (award_year, name),
    CONSTRAINT laureates_status_check CHECK (status IN ('awarded', 'revoked'))
);
CREATE INDEX laureates_country_idx ON laureates (country);
CREATE INDEX laureates_kind_idx ON laureates (kind);
