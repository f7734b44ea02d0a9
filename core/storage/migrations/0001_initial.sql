-- Juliu schema version 1: applicants, passports, border crossings.
-- Dates are ISO 8601 text (YYYY-MM-DD), crossing times HH:MM local China time; never UTC (DESIGN).
CREATE TABLE applicant (
    id            INTEGER PRIMARY KEY,
    family_name   TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    given_names   TEXT NOT NULL DEFAULT '',
    chinese_name  TEXT NOT NULL DEFAULT '',
    sex           TEXT CHECK (sex IN ('M', 'F')),
    birth_date    TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
    nationality   TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE passport (
    id              INTEGER PRIMARY KEY,
    applicant_id    INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    number          TEXT NOT NULL CHECK (length(trim(number)) > 0),
    issuing_country TEXT NOT NULL DEFAULT '',
    issue_date      TEXT CHECK (issue_date IS NULL OR date(issue_date) = issue_date),
    expiry_date     TEXT NOT NULL CHECK (date(expiry_date) = expiry_date)
);
CREATE INDEX passport_applicant ON passport(applicant_id);

CREATE TABLE crossing (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    date          TEXT NOT NULL CHECK (date(date) = date),
    time          TEXT CHECK (time IS NULL OR time GLOB '[0-2][0-9]:[0-5][0-9]'),
    direction     TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
    port          TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    planned       INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1))
);
CREATE INDEX crossing_applicant_date ON crossing(applicant_id, date);
