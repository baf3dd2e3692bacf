-- The public record carries what the approved dossier said: the citation in both languages, and
-- the affiliation, which laureates entered by approval were missing. Existing records entered
-- by approval take both from their nomination.
ALTER TABLE laureates ADD COLUMN citation_en TEXT NOT NULL DEFAULT '';
ALTER TABLE laureates ADD COLUMN citation_zh TEXT NOT NULL DEFAULT '';
UPDATE laureates SET
    citation_en = (SELECT n.citation_en FROM nominations n WHERE n.id = laureates.nomination_id),
    citation_zh = (SELECT n.citation_zh FROM nominations n WHERE n.id = laureates.nomination_id)
WHERE nomination_id IS NOT NULL;
UPDATE laureates SET
    affiliation = (SELECT n.affiliation FROM nominations n WHERE n.id = laureates.nomination_id)
WHERE nomination_id IS NOT NULL AND affiliation = '';
