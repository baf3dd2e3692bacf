-- Conferral: ceremonies and who was honoured at each, the medal and the certificate of each
-- laureate, the certificates themselves (the PDF as issued, with its SHA-256 and signature), and
-- the keys that sign them.
CREATE TABLE ceremonies (
    id {{ID}},
    held_on TEXT NOT NULL,
    place_kind TEXT NOT NULL,
    place_en TEXT NOT NULL,
    place_zh TEXT NOT NULL,
    presenter TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT ceremonies_place_kind_check CHECK (place_kind IN ('national_conference', 'embassy', 'consulate', 'other'))
);

CREATE TABLE ceremony_honorees (
    ceremony_id BIGINT NOT NULL REFERENCES ceremonies (id),
    laureate_id BIGINT NOT NULL REFERENCES laureates (id),
    attendance TEXT NOT NULL,
    PRIMARY KEY (ceremony_id, laureate_id),
    CONSTRAINT ceremony_honorees_attendance_check CHECK (attendance IN ('in_person', 'represented', 'presented_later'))
);
CREATE INDEX ceremony_honorees_laureate_idx ON ceremony_honorees (laureate_id);

-- One row per laureate and item: where the medal or the certificate is, and since when.
CREATE TABLE conferral_items (
    laureate_id BIGINT NOT NULL REFERENCES laureates (id),
    item TEXT NOT NULL,
    state TEXT NOT NULL,
    issued_on TEXT NULL,
    presented_on TEXT NULL,
    recovered_on TEXT NULL,
    PRIMARY KEY (laureate_id, item),
    CONSTRAINT conferral_items_item_check CHECK (item IN ('medal', 'certificate')),
    CONSTRAINT conferral_items_state_check CHECK (state IN ('issued', 'presented', 'recovered'))
);

CREATE TABLE signing_keys (
    key_id TEXT NOT NULL PRIMARY KEY,
    public_key TEXT NOT NULL,
    -- Kept only for a key the system made itself; a key configured by the office stays in its file.
    secret_key TEXT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE certificates (
    id {{ID}},
    laureate_id BIGINT NOT NULL REFERENCES laureates (id),
    number TEXT NOT NULL,
    code TEXT NOT NULL,
    statement TEXT NOT NULL,
    signature TEXT NOT NULL,
    key_id TEXT NOT NULL REFERENCES signing_keys (key_id),
    pdf {{BLOB}} NOT NULL,
    sha256 TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    CONSTRAINT certificates_laureate_key UNIQUE (laureate_id),
    CONSTRAINT certificates_number_key UNIQUE (number),
    CONSTRAINT certificates_code_key UNIQUE (code)
);
CREATE INDEX certificates_sha256_idx ON certificates (sha256);
