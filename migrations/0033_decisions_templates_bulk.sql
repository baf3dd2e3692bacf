-- Formal-review decisions held until the office releases them together: the decision is
-- recorded here (by whom, when, with its reasons and the checklist as ticked), the nomination's
-- state is not changed and nobody is told until the release applies it.
CREATE TABLE held_decisions (
    nomination_id BIGINT NOT NULL PRIMARY KEY REFERENCES nominations (id),
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    action TEXT NOT NULL,
    reason TEXT NULL,
    checklist TEXT NOT NULL,
    decided_by BIGINT NOT NULL REFERENCES users (id),
    decided_at TEXT NOT NULL,
    CONSTRAINT held_decisions_action_check CHECK (action IN ('accept', 'return', 'reject'))
);
CREATE INDEX held_decisions_cycle_idx ON held_decisions (cycle_id);

-- The office's own wording of a notice, per language, as a sandboxed template over the notice's
-- fixed fields; a notice without a row here is written from the catalogue.
CREATE TABLE notice_templates (
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, lang),
    CONSTRAINT notice_templates_lang_check CHECK (lang IN ('en', 'zh'))
);

-- Messages the office writes to an audience; each recipient's copy is a row of the outbox,
-- spread over time at `per_minute`.
CREATE TABLE bulk_messages (
    id {{ID}},
    audience TEXT NOT NULL,
    audience_ref TEXT NULL,
    subject_en TEXT NOT NULL,
    body_en TEXT NOT NULL,
    subject_zh TEXT NOT NULL,
    body_zh TEXT NOT NULL,
    per_minute BIGINT NOT NULL,
    recipients BIGINT NOT NULL,
    sent_by BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CONSTRAINT bulk_messages_audience_check CHECK (audience IN ('roster', 'experts', 'committee', 'laureates', 'nominators'))
);

-- Each queued notice keeps its language and the fields it was written from, so that the office
-- previews a template on a real notice; a bulk message's copies name it.
ALTER TABLE outbox ADD COLUMN lang TEXT NULL;
ALTER TABLE outbox ADD COLUMN fields TEXT NULL;
ALTER TABLE outbox ADD COLUMN bulk_id BIGINT NULL REFERENCES bulk_messages (id);
CREATE INDEX outbox_kind_idx ON outbox (kind, id);
CREATE INDEX outbox_bulk_idx ON outbox (bulk_id);
