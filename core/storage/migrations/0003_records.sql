-- Juliu schema version 3: family, addresses, documents with scans, employment, income and tax, filings.
-- Dates are ISO text; money is integer fen (CNY × 100), never floating point; scans are BLOBs in this file.
CREATE TABLE person_profile (
    applicant_id  INTEGER PRIMARY KEY REFERENCES applicant(id) ON DELETE CASCADE,
    citizenship   TEXT NOT NULL DEFAULT 'foreign'
                  CHECK (citizenship IN ('foreign', 'chinese_citizen', 'pr_holder')),
    principal_id  INTEGER REFERENCES applicant(id) ON DELETE SET NULL,
    relation      TEXT CHECK (relation IS NULL OR relation IN ('spouse', 'child', 'parent')),
    CHECK (principal_id IS NULL OR principal_id <> applicant_id)
);
CREATE INDEX person_profile_principal ON person_profile(principal_id);

CREATE TABLE address (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    moved_in      TEXT NOT NULL CHECK (date(moved_in) = moved_in),
    time          TEXT CHECK (time IS NULL OR time GLOB '[0-2][0-9]:[0-5][0-9]'),
    address       TEXT NOT NULL CHECK (length(trim(address)) > 0),
    city          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX address_applicant ON address(applicant_id, moved_in);

CREATE TABLE document (
    id                 INTEGER PRIMARY KEY,
    applicant_id       INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    kind               TEXT NOT NULL CHECK (length(kind) > 0),
    subtype            TEXT NOT NULL DEFAULT '',
    number             TEXT NOT NULL DEFAULT '',
    issuing_country    TEXT NOT NULL DEFAULT '',
    issuing_authority  TEXT NOT NULL DEFAULT '',
    issue_date         TEXT CHECK (issue_date IS NULL OR date(issue_date) = issue_date),
    expiry_date        TEXT CHECK (expiry_date IS NULL OR date(expiry_date) = expiry_date),
    notes              TEXT NOT NULL DEFAULT '',
    passport_id        INTEGER REFERENCES passport(id) ON DELETE SET NULL,
    related_id         INTEGER REFERENCES document(id) ON DELETE SET NULL
);
CREATE INDEX document_applicant ON document(applicant_id, kind);

CREATE TABLE attachment (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER REFERENCES document(id) ON DELETE CASCADE,
    passport_id  INTEGER REFERENCES passport(id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    media_type   TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size         INTEGER NOT NULL CHECK (size = length(data)),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    data         BLOB NOT NULL,
    CHECK ((document_id IS NULL) <> (passport_id IS NULL))
);
CREATE INDEX attachment_document ON attachment(document_id);
CREATE INDEX attachment_passport ON attachment(passport_id);

CREATE TABLE employment (
    id             INTEGER PRIMARY KEY,
    applicant_id   INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    employer_zh    TEXT NOT NULL DEFAULT '',
    employer_en    TEXT NOT NULL DEFAULT '',
    credit_code    TEXT NOT NULL DEFAULT '',
    position       TEXT NOT NULL DEFAULT '',
    title_level    TEXT NOT NULL DEFAULT 'other',
    employer_type  TEXT NOT NULL DEFAULT 'other',
    start_date     TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date       TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    CHECK (length(trim(employer_zh)) > 0 OR length(trim(employer_en)) > 0)
);
CREATE INDEX employment_applicant ON employment(applicant_id, start_date);

CREATE TABLE income_year (
    id               INTEGER PRIMARY KEY,
    applicant_id     INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    year             INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    wage_income_fen  INTEGER NOT NULL CHECK (wage_income_fen >= 0),
    iit_paid_fen     INTEGER NOT NULL CHECK (iit_paid_fen >= 0),
    city             TEXT NOT NULL DEFAULT '',
    UNIQUE (applicant_id, year)
);

CREATE TABLE income_certificate (
    income_id    INTEGER NOT NULL REFERENCES income_year(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    PRIMARY KEY (income_id, document_id)
);

CREATE TABLE filing (
    id             INTEGER PRIMARY KEY,
    applicant_id   INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (length(kind) > 0),
    city           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('preparing', 'submitted', 'accepted', 'decided')),
    filing_date    TEXT CHECK (filing_date IS NULL OR date(filing_date) = filing_date),
    accepted_date  TEXT CHECK (accepted_date IS NULL OR date(accepted_date) = accepted_date),
    decision       TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'refused', 'withdrawn')),
    decision_date  TEXT CHECK (decision_date IS NULL OR date(decision_date) = decision_date),
    notes          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX filing_applicant ON filing(applicant_id);

-- Every existing applicant becomes a foreign principal (the skeleton knew no other kind of person).
INSERT INTO person_profile (applicant_id, citizenship) SELECT id, 'foreign' FROM applicant;
