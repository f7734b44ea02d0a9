-- Juliu schema version 4: the date of marriage on a spouse dependant's profile (M2004 Art. 6(5) counts years of
-- marriage; a marriage certificate's issue date is not always the marriage date). Optional; ISO text.
ALTER TABLE person_profile ADD COLUMN married_on TEXT
    CHECK (married_on IS NULL OR date(married_on) = married_on);
