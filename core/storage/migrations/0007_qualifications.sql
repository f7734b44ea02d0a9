-- Juliu: what work-permit points and the investor, contribution and talent routes need (issue 11 item 6).
-- One row of qualifications per person (NULL: not recorded), investments (USD as integer cents) and recommendation
-- letters; the employer's city and development zone on each employment (zone selects local routes). Row versions
-- as in 0006 (core/storage/repositories/versions.py).
CREATE TABLE qualifications (
    applicant_id              INTEGER PRIMARY KEY REFERENCES applicant(id) ON DELETE CASCADE,
    experience_years          INTEGER CHECK (experience_years IS NULL OR experience_years BETWEEN 0 AND 70),
    months_in_china           INTEGER CHECK (months_in_china IS NULL OR months_in_china BETWEEN 0 AND 12),
    hsk_level                 INTEGER CHECK (hsk_level IS NULL OR hsk_level BETWEEN 0 AND 6),
    former_chinese_national   INTEGER CHECK (former_chinese_national IS NULL OR former_chinese_national IN (0, 1)),
    degree_taught_in_chinese  INTEGER CHECK (degree_taught_in_chinese IS NULL OR degree_taught_in_chinese IN (0, 1)),
    work_region               TEXT,
    elite                     TEXT,
    category_a                TEXT,
    local_points              INTEGER CHECK (local_points IS NULL OR local_points BETWEEN 0 AND 10),
    good_tax_record           INTEGER CHECK (good_tax_record IS NULL OR good_tax_record IN (0, 1)),
    retention_approval        INTEGER CHECK (retention_approval IS NULL OR retention_approval IN (0, 1)),
    investments_complete      INTEGER NOT NULL DEFAULT 0 CHECK (investments_complete IN (0, 1)),
    recommendations_complete  INTEGER NOT NULL DEFAULT 0 CHECK (recommendations_complete IN (0, 1)),
    version                   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE investment (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    since         TEXT CHECK (since IS NULL OR date(since) = since),
    region        TEXT,
    kind          TEXT NOT NULL DEFAULT 'cash',
    encouraged    INTEGER CHECK (encouraged IS NULL OR encouraged IN (0, 1)),
    company       TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX investment_applicant ON investment(applicant_id);

CREATE TABLE recommendation (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    recommender   TEXT NOT NULL CHECK (length(recommender) > 0),
    purpose       TEXT NOT NULL CHECK (length(purpose) > 0),
    issuer        TEXT NOT NULL DEFAULT '',
    issue_date    TEXT CHECK (issue_date IS NULL OR date(issue_date) = issue_date),
    notes         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX recommendation_applicant ON recommendation(applicant_id);

ALTER TABLE employment ADD COLUMN city TEXT NOT NULL DEFAULT '';
ALTER TABLE employment ADD COLUMN zone TEXT NOT NULL DEFAULT '';
