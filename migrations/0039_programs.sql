-- Programs: the five State Science and Technology Prizes on one engine. Cycles already name
-- their program; laureates now do too (every laureate before this migration is of the ISTC
-- Award, the only program run until then), with the grade they were awarded ('' for an ungraded
-- award). A nomination carries the grade proposed for it (and, for a project, its completers), and a ballot's item the grade it is
-- voted at: a recommendation carries its grade, which counts against that grade's limit.
ALTER TABLE laureates ADD COLUMN program TEXT NOT NULL DEFAULT 'istc';
ALTER TABLE laureates ADD COLUMN grade TEXT NOT NULL DEFAULT '';
CREATE INDEX laureates_program_idx ON laureates (program, award_year);
ALTER TABLE nominations ADD COLUMN grade TEXT NOT NULL DEFAULT '';
-- A project's ranked completers and completing organizations, as JSON arrays (as partners are).
ALTER TABLE nominations ADD COLUMN completers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE nominations ADD COLUMN organizations TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ballot_items ADD COLUMN grade TEXT NOT NULL DEFAULT '';
