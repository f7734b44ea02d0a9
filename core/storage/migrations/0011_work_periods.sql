-- Juliu: work experience from dated periods (issue 11 item 2). A resume period may be work (it then counts towards
-- the years of work experience the work-permit points and categories need) and names its country (ISO alpha-3).
-- Old periods stay as they were: not marked as work, so the number of years stored in qualifications stays in use
-- until work periods are recorded.
ALTER TABLE resume_period ADD COLUMN work INTEGER NOT NULL DEFAULT 0 CHECK (work IN (0, 1));
ALTER TABLE resume_period ADD COLUMN country TEXT NOT NULL DEFAULT '';
