-- Juliu: a tamper-evident history of changes (issue 12 item 8) and a recycle bin for deleted records.
-- Entries are appended by temporary triggers (core/storage/recovery/history.py); each carries the SHA-256 of the one before.
CREATE TABLE history (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,            -- local time with its UTC offset, to the second
    who           TEXT NOT NULL,            -- the OS user (or a firm's user)
    applicant_id  INTEGER,                  -- no foreign key: the entry outlives the records it describes
    tbl           TEXT NOT NULL,
    row_id        INTEGER,
    action        TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before        TEXT CHECK (before IS NULL OR json_valid(before)),
    after         TEXT CHECK (after IS NULL OR json_valid(after)),
    prev          TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX history_applicant ON history(applicant_id);

CREATE TABLE recycle_bin (
    id            INTEGER PRIMARY KEY,
    history_id    INTEGER NOT NULL,
    deleted_at    TEXT NOT NULL,
    applicant_id  INTEGER,
    tbl           TEXT NOT NULL,
    row_id        INTEGER,
    row           TEXT NOT NULL CHECK (json_valid(row)),
    data          BLOB                      -- a deleted scan's bytes
);
CREATE INDEX recycle_bin_deleted ON recycle_bin(deleted_at);
