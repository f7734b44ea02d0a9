-- Juliu schema version 2: user settings that override rule defaults (values are JSON text).
CREATE TABLE setting (
    key    TEXT PRIMARY KEY CHECK (length(key) > 0),
    value  TEXT NOT NULL CHECK (json_valid(value))
);
