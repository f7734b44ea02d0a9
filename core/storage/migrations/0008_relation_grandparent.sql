-- Juliu schema: a dependant may be the principal's grandparent (M2004 Art. 6(7): an elderly foreigner of 60 or
-- more joining a direct relative in China), as the PR route in rules/routes/40_pr_family.toml judges. SQLite
-- cannot change a CHECK in place, so person_profile is rebuilt with the same columns, in the same order, and its
-- rows copied (a later column on person_profile must be added here too, or come after: a test compares the
-- columns).
-- The history triggers are temporary and rebuilt from the live schema after every migration
-- (core/storage/recovery/history.py), so the copy writes no history entries and the new table is tracked as the old one.
CREATE TABLE person_profile_new (
    applicant_id  INTEGER PRIMARY KEY REFERENCES applicant(id) ON DELETE CASCADE,
    citizenship   TEXT NOT NULL DEFAULT 'foreign'
                  CHECK (citizenship IN ('foreign', 'chinese_citizen', 'pr_holder')),
    principal_id  INTEGER REFERENCES applicant(id) ON DELETE SET NULL,
    relation      TEXT CHECK (relation IS NULL OR relation IN ('spouse', 'child', 'parent', 'grandparent')),
    married_on    TEXT CHECK (married_on IS NULL OR date(married_on) = married_on),
    version       INTEGER NOT NULL DEFAULT 1,
    CHECK (principal_id IS NULL OR principal_id <> applicant_id)
);
INSERT INTO person_profile_new (applicant_id, citizenship, principal_id, relation, married_on, version)
    SELECT applicant_id, citizenship, principal_id, relation, married_on, version FROM person_profile;
DROP TABLE person_profile;
ALTER TABLE person_profile_new RENAME TO person_profile;
CREATE INDEX person_profile_principal ON person_profile(principal_id);
