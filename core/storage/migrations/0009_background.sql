-- Juliu: what the application forms ask beyond identity and permits (issue 10 §4): the passport's type, a person's
-- place of birth, phone, emergency contact and marital status, a resume from age 18 and a residence history.
-- Dates are ISO text; an open end_date means "until now". Every new column is optional: old records stay valid.
-- Each table has the row version of migration 0006 (core/storage/repositories/versions.py).
ALTER TABLE passport ADD COLUMN passport_type TEXT
    CHECK (passport_type IS NULL OR passport_type IN ('ordinary', 'official', 'diplomatic', 'other'));

CREATE TABLE person_details (
    applicant_id      INTEGER PRIMARY KEY REFERENCES applicant(id) ON DELETE CASCADE,
    birth_place       TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    marital_status    TEXT CHECK (marital_status IS NULL OR
                                  marital_status IN ('single', 'married', 'divorced', 'widowed')),
    contact_name      TEXT NOT NULL DEFAULT '',
    contact_relation  TEXT NOT NULL DEFAULT '',
    contact_phone     TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE resume_period (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    start_date    TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date      TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    organisation  TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
    position      TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX resume_period_applicant ON resume_period(applicant_id, start_date);

CREATE TABLE residence_period (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    start_date    TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date      TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    address       TEXT NOT NULL CHECK (length(trim(address)) > 0),
    country       TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX residence_period_applicant ON residence_period(applicant_id, start_date);
