-- Juliu schema: every date column rejects what is not a real ISO date. `CHECK (date(x) = x)` let a malformed
-- value through: date('2019-13-01'), date('abc') and date('') are NULL, and a CHECK that is NULL passes. And
-- without a modifier the standard library's SQLite on Debian 12 (3.40) returns date('2019-02-30') as it is,
-- while SQLCipher's (3.53, encrypted stores) returns '2019-03-02': the '+0 days' modifier makes both move an
-- impossible day into the next month, so it no longer reads back as written. `IS` compares NULL as a value, so
-- `date(x, '+0 days') IS x` holds only for a date that exists, written YYYY-MM-DD; nullable columns keep
-- `x IS NULL OR`; NOT NULL columns keep NOT NULL.
-- SQLite cannot change a CHECK in place, so each table with a date column is rebuilt with the same columns in the
-- same order, the same foreign keys and indexes, and its rows copied (as 0008 did for person_profile). The
-- migration runs with foreign keys off (core/storage/sqlite/db.py `migrate`: dropping a parent table would
-- otherwise delete its children) and is committed only when PRAGMA foreign_key_check finds nothing.
-- The history triggers are temporary and rebuilt from the live schema after every migration
-- (core/storage/recovery/history.py), so the copies write no history entries.
-- PostgreSQL changes the constraints in place instead: migrations/postgresql/0010_date_checks.sql.

CREATE TABLE applicant_new (
    id            INTEGER PRIMARY KEY,
    family_name   TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    given_names   TEXT NOT NULL DEFAULT '',
    chinese_name  TEXT NOT NULL DEFAULT '',
    sex           TEXT CHECK (sex IN ('M', 'F')),
    birth_date    TEXT CHECK (birth_date IS NULL OR date(birth_date, '+0 days') IS birth_date),
    nationality   TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO applicant_new (id, family_name, given_names, chinese_name, sex, birth_date, nationality, city, version)
    SELECT id, family_name, given_names, chinese_name, sex, birth_date, nationality, city, version FROM applicant;
DROP TABLE applicant;
ALTER TABLE applicant_new RENAME TO applicant;

CREATE TABLE passport_new (
    id              INTEGER PRIMARY KEY,
    applicant_id    INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    number          TEXT NOT NULL CHECK (length(trim(number)) > 0),
    issuing_country TEXT NOT NULL DEFAULT '',
    issue_date      TEXT CHECK (issue_date IS NULL OR date(issue_date, '+0 days') IS issue_date),
    expiry_date     TEXT NOT NULL CHECK (date(expiry_date, '+0 days') IS expiry_date),
    version         INTEGER NOT NULL DEFAULT 1,
    passport_type   TEXT CHECK (passport_type IS NULL OR passport_type IN ('ordinary', 'official', 'diplomatic', 'other')));
INSERT INTO passport_new (id, applicant_id, number, issuing_country, issue_date, expiry_date, version,
    passport_type)
    SELECT id, applicant_id, number, issuing_country, issue_date, expiry_date, version, passport_type FROM passport;
DROP TABLE passport;
ALTER TABLE passport_new RENAME TO passport;
CREATE INDEX passport_applicant ON passport(applicant_id);

CREATE TABLE crossing_new (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    date          TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    time          TEXT CHECK (time IS NULL OR time GLOB '[0-2][0-9]:[0-5][0-9]'),
    direction     TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
    port          TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    planned       INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO crossing_new (id, applicant_id, date, time, direction, port, note, planned, version)
    SELECT id, applicant_id, date, time, direction, port, note, planned, version FROM crossing;
DROP TABLE crossing;
ALTER TABLE crossing_new RENAME TO crossing;
CREATE INDEX crossing_applicant_date ON crossing(applicant_id, date);

CREATE TABLE address_new (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    moved_in      TEXT NOT NULL CHECK (date(moved_in, '+0 days') IS moved_in),
    time          TEXT CHECK (time IS NULL OR time GLOB '[0-2][0-9]:[0-5][0-9]'),
    address       TEXT NOT NULL CHECK (length(trim(address)) > 0),
    city          TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO address_new (id, applicant_id, moved_in, time, address, city, version)
    SELECT id, applicant_id, moved_in, time, address, city, version FROM address;
DROP TABLE address;
ALTER TABLE address_new RENAME TO address;
CREATE INDEX address_applicant ON address(applicant_id, moved_in);

CREATE TABLE document_new (
    id                 INTEGER PRIMARY KEY,
    applicant_id       INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    kind               TEXT NOT NULL CHECK (length(kind) > 0),
    subtype            TEXT NOT NULL DEFAULT '',
    number             TEXT NOT NULL DEFAULT '',
    issuing_country    TEXT NOT NULL DEFAULT '',
    issuing_authority  TEXT NOT NULL DEFAULT '',
    issue_date         TEXT CHECK (issue_date IS NULL OR date(issue_date, '+0 days') IS issue_date),
    expiry_date        TEXT CHECK (expiry_date IS NULL OR date(expiry_date, '+0 days') IS expiry_date),
    notes              TEXT NOT NULL DEFAULT '',
    passport_id        INTEGER REFERENCES passport(id) ON DELETE SET NULL,
    related_id         INTEGER REFERENCES document(id) ON DELETE SET NULL,
    version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO document_new (id, applicant_id, kind, subtype, number, issuing_country, issuing_authority, issue_date,
    expiry_date, notes, passport_id, related_id, version)
    SELECT id, applicant_id, kind, subtype, number, issuing_country, issuing_authority, issue_date, expiry_date,
        notes, passport_id, related_id, version FROM document;
DROP TABLE document;
ALTER TABLE document_new RENAME TO document;
CREATE INDEX document_applicant ON document(applicant_id, kind);

CREATE TABLE employment_new (
    id             INTEGER PRIMARY KEY,
    applicant_id   INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    employer_zh    TEXT NOT NULL DEFAULT '',
    employer_en    TEXT NOT NULL DEFAULT '',
    credit_code    TEXT NOT NULL DEFAULT '',
    position       TEXT NOT NULL DEFAULT '',
    title_level    TEXT NOT NULL DEFAULT 'other',
    employer_type  TEXT NOT NULL DEFAULT 'other',
    start_date     TEXT CHECK (start_date IS NULL OR date(start_date, '+0 days') IS start_date),
    end_date       TEXT CHECK (end_date IS NULL OR date(end_date, '+0 days') IS end_date),
    version        INTEGER NOT NULL DEFAULT 1,
    city           TEXT NOT NULL DEFAULT '',
    zone           TEXT NOT NULL DEFAULT '',
    CHECK (length(trim(employer_zh)) > 0 OR length(trim(employer_en)) > 0)
);
INSERT INTO employment_new (id, applicant_id, employer_zh, employer_en, credit_code, position, title_level,
    employer_type, start_date, end_date, version, city, zone)
    SELECT id, applicant_id, employer_zh, employer_en, credit_code, position, title_level, employer_type,
        start_date, end_date, version, city, zone FROM employment;
DROP TABLE employment;
ALTER TABLE employment_new RENAME TO employment;
CREATE INDEX employment_applicant ON employment(applicant_id, start_date);

CREATE TABLE filing_new (
    id             INTEGER PRIMARY KEY,
    applicant_id   INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (length(kind) > 0),
    city           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('preparing', 'submitted', 'accepted', 'decided')),
    filing_date    TEXT CHECK (filing_date IS NULL OR date(filing_date, '+0 days') IS filing_date),
    accepted_date  TEXT CHECK (accepted_date IS NULL OR date(accepted_date, '+0 days') IS accepted_date),
    decision       TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'refused', 'withdrawn')),
    decision_date  TEXT CHECK (decision_date IS NULL OR date(decision_date, '+0 days') IS decision_date),
    notes          TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO filing_new (id, applicant_id, kind, city, status, filing_date, accepted_date, decision, decision_date,
    notes, version)
    SELECT id, applicant_id, kind, city, status, filing_date, accepted_date, decision, decision_date, notes, version
        FROM filing;
DROP TABLE filing;
ALTER TABLE filing_new RENAME TO filing;
CREATE INDEX filing_applicant ON filing(applicant_id);

CREATE TABLE investment_new (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    since         TEXT CHECK (since IS NULL OR date(since, '+0 days') IS since),
    region        TEXT,
    kind          TEXT NOT NULL DEFAULT 'cash',
    encouraged    INTEGER CHECK (encouraged IS NULL OR encouraged IN (0, 1)),
    company       TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO investment_new (id, applicant_id, amount_cents, since, region, kind, encouraged, company, city, notes,
    version)
    SELECT id, applicant_id, amount_cents, since, region, kind, encouraged, company, city, notes, version FROM
        investment;
DROP TABLE investment;
ALTER TABLE investment_new RENAME TO investment;
CREATE INDEX investment_applicant ON investment(applicant_id);

CREATE TABLE recommendation_new (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    recommender   TEXT NOT NULL CHECK (length(recommender) > 0),
    purpose       TEXT NOT NULL CHECK (length(purpose) > 0),
    issuer        TEXT NOT NULL DEFAULT '',
    issue_date    TEXT CHECK (issue_date IS NULL OR date(issue_date, '+0 days') IS issue_date),
    notes         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO recommendation_new (id, applicant_id, recommender, purpose, issuer, issue_date, notes, version)
    SELECT id, applicant_id, recommender, purpose, issuer, issue_date, notes, version FROM recommendation;
DROP TABLE recommendation;
ALTER TABLE recommendation_new RENAME TO recommendation;
CREATE INDEX recommendation_applicant ON recommendation(applicant_id);

CREATE TABLE person_profile_new (
    applicant_id  INTEGER PRIMARY KEY REFERENCES applicant(id) ON DELETE CASCADE,
    citizenship   TEXT NOT NULL DEFAULT 'foreign'
                  CHECK (citizenship IN ('foreign', 'chinese_citizen', 'pr_holder')),
    principal_id  INTEGER REFERENCES applicant(id) ON DELETE SET NULL,
    relation      TEXT CHECK (relation IS NULL OR relation IN ('spouse', 'child', 'parent', 'grandparent')),
    married_on    TEXT CHECK (married_on IS NULL OR date(married_on, '+0 days') IS married_on),
    version       INTEGER NOT NULL DEFAULT 1,
    CHECK (principal_id IS NULL OR principal_id <> applicant_id)
);
INSERT INTO person_profile_new (applicant_id, citizenship, principal_id, relation, married_on, version)
    SELECT applicant_id, citizenship, principal_id, relation, married_on, version FROM person_profile;
DROP TABLE person_profile;
ALTER TABLE person_profile_new RENAME TO person_profile;
CREATE INDEX person_profile_principal ON person_profile(principal_id);

CREATE TABLE resume_period_new (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    start_date    TEXT CHECK (start_date IS NULL OR date(start_date, '+0 days') IS start_date),
    end_date      TEXT CHECK (end_date IS NULL OR date(end_date, '+0 days') IS end_date),
    organisation  TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
    position      TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO resume_period_new (id, applicant_id, start_date, end_date, organisation, position, place, version)
    SELECT id, applicant_id, start_date, end_date, organisation, position, place, version FROM resume_period;
DROP TABLE resume_period;
ALTER TABLE resume_period_new RENAME TO resume_period;
CREATE INDEX resume_period_applicant ON resume_period(applicant_id, start_date);

CREATE TABLE residence_period_new (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    start_date    TEXT CHECK (start_date IS NULL OR date(start_date, '+0 days') IS start_date),
    end_date      TEXT CHECK (end_date IS NULL OR date(end_date, '+0 days') IS end_date),
    address       TEXT NOT NULL CHECK (length(trim(address)) > 0),
    country       TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO residence_period_new (id, applicant_id, start_date, end_date, address, country, version)
    SELECT id, applicant_id, start_date, end_date, address, country, version FROM residence_period;
DROP TABLE residence_period;
ALTER TABLE residence_period_new RENAME TO residence_period;
CREATE INDEX residence_period_applicant ON residence_period(applicant_id, start_date);
