-- PostgreSQL steps of 0010_date_checks.sql (core/storage/pg/dialect.py `postgres_migration`): the same rule for
-- every date column, changed in place. Rebuilding the tables as SQLite must would restart their identity
-- sequences and drop the other tables' foreign keys to them; the history triggers are reinstalled by `firm init`.
-- The old checks, `(x::date)::text = x`, raised a cast error for most bad values but let 'infinity', BC dates and
-- years past 9999 through. Their names depend on each table's history (person_profile was rebuilt by 0008), so
-- they are found by what they say, not by name. NOT NULL columns keep NOT NULL; the check itself allows NULL.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT conrelid::regclass AS tab, conname FROM pg_constraint
        WHERE contype = 'c' AND connamespace = current_schema()::regnamespace
          AND pg_get_constraintdef(oid) LIKE '%::date)::text%'
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tab, c.conname);
    END LOOP;
END $$;
ALTER TABLE applicant ADD CONSTRAINT applicant_birth_date_is_a_date
    CHECK (birth_date IS NULL OR date(birth_date, '+0 days') IS birth_date);
ALTER TABLE passport ADD CONSTRAINT passport_issue_date_is_a_date
    CHECK (issue_date IS NULL OR date(issue_date, '+0 days') IS issue_date);
ALTER TABLE passport ADD CONSTRAINT passport_expiry_date_is_a_date
    CHECK (expiry_date IS NULL OR date(expiry_date, '+0 days') IS expiry_date);
ALTER TABLE crossing ADD CONSTRAINT crossing_date_is_a_date
    CHECK (date IS NULL OR date(date, '+0 days') IS date);
ALTER TABLE address ADD CONSTRAINT address_moved_in_is_a_date
    CHECK (moved_in IS NULL OR date(moved_in, '+0 days') IS moved_in);
ALTER TABLE document ADD CONSTRAINT document_issue_date_is_a_date
    CHECK (issue_date IS NULL OR date(issue_date, '+0 days') IS issue_date);
ALTER TABLE document ADD CONSTRAINT document_expiry_date_is_a_date
    CHECK (expiry_date IS NULL OR date(expiry_date, '+0 days') IS expiry_date);
ALTER TABLE employment ADD CONSTRAINT employment_start_date_is_a_date
    CHECK (start_date IS NULL OR date(start_date, '+0 days') IS start_date);
ALTER TABLE employment ADD CONSTRAINT employment_end_date_is_a_date
    CHECK (end_date IS NULL OR date(end_date, '+0 days') IS end_date);
ALTER TABLE filing ADD CONSTRAINT filing_filing_date_is_a_date
    CHECK (filing_date IS NULL OR date(filing_date, '+0 days') IS filing_date);
ALTER TABLE filing ADD CONSTRAINT filing_accepted_date_is_a_date
    CHECK (accepted_date IS NULL OR date(accepted_date, '+0 days') IS accepted_date);
ALTER TABLE filing ADD CONSTRAINT filing_decision_date_is_a_date
    CHECK (decision_date IS NULL OR date(decision_date, '+0 days') IS decision_date);
ALTER TABLE investment ADD CONSTRAINT investment_since_is_a_date
    CHECK (since IS NULL OR date(since, '+0 days') IS since);
ALTER TABLE recommendation ADD CONSTRAINT recommendation_issue_date_is_a_date
    CHECK (issue_date IS NULL OR date(issue_date, '+0 days') IS issue_date);
ALTER TABLE person_profile ADD CONSTRAINT person_profile_married_on_is_a_date
    CHECK (married_on IS NULL OR date(married_on, '+0 days') IS married_on);
ALTER TABLE resume_period ADD CONSTRAINT resume_period_start_date_is_a_date
    CHECK (start_date IS NULL OR date(start_date, '+0 days') IS start_date);
ALTER TABLE resume_period ADD CONSTRAINT resume_period_end_date_is_a_date
    CHECK (end_date IS NULL OR date(end_date, '+0 days') IS end_date);
ALTER TABLE residence_period ADD CONSTRAINT residence_period_start_date_is_a_date
    CHECK (start_date IS NULL OR date(start_date, '+0 days') IS start_date);
ALTER TABLE residence_period ADD CONSTRAINT residence_period_end_date_is_a_date
    CHECK (end_date IS NULL OR date(end_date, '+0 days') IS end_date);
