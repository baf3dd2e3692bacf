-- A conflict of interest is recorded once: one active entry per expert, nomination, source and
-- reason. Entries that repeat an earlier active one are dismissed as duplicates (kept, not
-- deleted), then a unique index keeps it so.
UPDATE conflicts SET dismissed_at = created_at, dismissed_reason = 'Duplicate of an earlier entry.'
WHERE dismissed_at IS NULL AND EXISTS (
    SELECT 1 FROM conflicts earlier
    WHERE earlier.expert_id = conflicts.expert_id
      AND earlier.nomination_id = conflicts.nomination_id
      AND earlier.source = conflicts.source
      AND earlier.reason = conflicts.reason
      AND earlier.dismissed_at IS NULL
      AND earlier.id < conflicts.id
);
CREATE UNIQUE INDEX conflicts_active_pair_key ON conflicts (expert_id, nomination_id, source, reason) WHERE dismissed_at IS NULL;
