-- Juliu: row versions against lost updates (issue 13 item 3). Every save says which version it started from
-- (UPDATE … WHERE id = ? AND version = ?); a save from an older version is refused and the user chooses.
-- Who changed a row and when comes from the history (an index makes that one lookup).
ALTER TABLE applicant ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE passport ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE crossing ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE person_profile ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE address ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE document ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE attachment ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE employment ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE income_year ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE filing ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX history_row ON history(tbl, row_id);
