"""Use cases for who the applicants are: people, passports and border crossings, and the one-page summary."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import raise_problems
from core.i18n import current_locale
from core.records.identity import Applicant, ApplicantId, Crossing, CrossingId, Passport
from core.records.limits import record_problems
from core.services.lookup import stored
from core.storage.repositories.repositories import ApplicantRepository, CrossingRepository, PassportRepository
from core.storage.store import UnitOfWork

if TYPE_CHECKING:
    from core.presence.days import YearCount
    from core.records.duplicates import DuplicateMatch

# The checks (core.records.validate and its record model: ~20 dataclasses), the duplicate finder and the day
# counts load with the first save or count, not with the store (issue 15: `case list` and the empty window).


class IdentityService:
    """Validates through core.records, writes through the repositories; each use case is one unit of work."""

    def __init__(self, work: UnitOfWork, applicants: ApplicantRepository, passports: PassportRepository,
                 crossings: CrossingRepository):
        self._work = work
        self._applicants = applicants
        self._passports = passports
        self._crossings = crossings

    # --- applicants -------------------------------------------------------------------------------------------
    def list_applicants(self) -> list[Applicant]:
        return self._applicants.list()

    def get_applicant(self, applicant_id: ApplicantId) -> Applicant:
        return self._applicants.get(applicant_id)

    def require_applicant(self, applicant_id: ApplicantId, field: str = "applicant") -> Applicant:
        """The stored applicant; InputError naming `field` (e.g. the --applicant option) when there is none."""
        with stored(field):
            return self._applicants.get(applicant_id)

    def save_applicant(self, applicant: Applicant) -> Applicant:
        from core.records.validate import validate_applicant

        raise_problems(validate_applicant(applicant))
        return self._applicants.update(applicant) if applicant.id else self._applicants.add(applicant)

    def save_identity(self, applicant: Applicant, passport: Passport | None) -> tuple[Applicant, Passport | None]:
        """An applicant with their current passport, validated together, written together or not at all."""
        from core.records.validate import validate_applicant, validate_passport

        problems = validate_applicant(applicant)
        if passport is not None:
            problems += validate_passport(dataclasses.replace(passport, applicant_id=ApplicantId(0)))
        raise_problems(problems)
        with self._work():
            saved = self.save_applicant(applicant)
            assert saved.id is not None
            saved_passport = None
            if passport is not None:
                saved_passport = self.save_passport(dataclasses.replace(passport, applicant_id=saved.id))
        return saved, saved_passport

    def delete_applicant(self, applicant_id: ApplicantId, version: int = 0) -> None:
        """With the version the user loaded: refused (ConflictError) when someone changed the applicant since."""
        self._applicants.delete(applicant_id, version)

    def find_duplicates(self, applicant: Applicant, passport_numbers: Sequence[str] = ()) -> list[DuplicateMatch]:
        """Stored applicants with the same passport number, or the same name and date of birth."""
        from core.records.duplicates import find_duplicates

        return find_duplicates(applicant, passport_numbers, self._applicants.list(),
                               self._passports.numbers_by_applicant())

    def merge_identity(self, existing_id: ApplicantId, applicant: Applicant,
                       passport: Passport | None) -> tuple[Applicant, Passport | None]:
        """Fill the stored applicant's blanks from a new entry and add its passport unless already stored."""
        from core.records.duplicates import merged_identity, passport_key

        with self._work():
            existing = self._applicants.get(existing_id)
            merged = merged_identity(existing, dataclasses.replace(applicant, id=existing_id))
            stored_numbers = {passport_key(p.number) for p in self.list_passports(existing_id)}
            keep = passport if passport is not None and passport_key(passport.number) not in stored_numbers else None
            return self.save_identity(merged, keep)

    # --- passports --------------------------------------------------------------------------------------------
    def list_passports(self, applicant_id: ApplicantId) -> list[Passport]:
        return self._passports.list_for(applicant_id)

    def save_passport(self, passport: Passport) -> Passport:
        from core.records.validate import validate_passport

        raise_problems(validate_passport(passport))
        return self._passports.update(passport) if passport.id else self._passports.add(passport)

    # --- crossings --------------------------------------------------------------------------------------------
    def list_crossings(self, applicant_id: ApplicantId) -> list[Crossing]:
        from core.presence import days as presence

        return presence.sort_crossings(self._crossings.list_for(applicant_id))

    def save_crossing(self, applicant_id: ApplicantId, crossing: Crossing) -> Crossing:
        raise_problems(record_problems(crossing))
        if crossing.id:
            return self._crossings.update(crossing)
        return self._crossings.add(applicant_id, crossing)

    def add_crossings(self, applicant_id: ApplicantId, crossings: Iterable[Crossing]) -> list[Crossing]:
        return self._crossings.add_many(applicant_id, crossings)

    def delete_crossings(self, crossing_ids: Sequence[CrossingId]) -> None:
        self._crossings.delete(crossing_ids)

    def year_counts(self, applicant_id: ApplicantId, as_of: dt.date) -> list[YearCount]:
        from core.presence import days as presence

        recorded = self._crossings.list_for(applicant_id, planned=False)
        return presence.year_counts(recorded, as_of)

    def sequence_warnings(self, applicant_id: ApplicantId, crossings: Sequence[Crossing] | None = None) -> list[str]:
        """Crossings recorded in the same direction twice in a row (a record is missing between them); `crossings`:
        list_crossings' answer when the caller has it already."""
        from core.presence import days as presence

        recorded = [c for c in (crossings if crossings is not None else self.list_crossings(applicant_id))
                    if not c.planned]
        return [f"{recorded[p.first_index].date} → {recorded[p.second_index].date}: {p.direction.value} ×2"
                for p in presence.sequence_problems(recorded)]

    # --- documents --------------------------------------------------------------------------------------------
    def export_summary_pdf(self, applicant_id: ApplicantId, out: Path, today: dt.date,
                           locale: str | None = None, font_path: Path | None = None) -> Path:
        """The one-page bilingual applicant summary; raises FontNotFoundError when no CJK font is usable."""
        from core.records.summary import build_summary
        from core.render.summary_pdf import render_summary  # reportlab loads when a PDF is made

        content = build_summary(self.get_applicant(applicant_id), self.list_passports(applicant_id),
                                self.year_counts(applicant_id, today), today, locale or current_locale())
        render_summary(content, out, font_path=font_path)
        return out
