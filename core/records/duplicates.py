"""Is this person already a client? The same passport number, or the same name and date of birth, of a stored
applicant (on add in the window and on case import), so a firm never keeps two files for one person unknowingly."""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.records.identity import Applicant, ApplicantId


@dataclass(frozen=True)
class DuplicateMatch:
    """A stored applicant who looks like the candidate, and why."""

    existing: Applicant
    by_passport: bool
    by_name_and_birth: bool


def passport_key(number: str) -> str:
    """Passport numbers compare without spaces, hyphens, MRZ filler and letter case."""
    return re.sub(r"[\s\-<]", "", number).upper()


def _name(text: str) -> str:
    """Names compare without accents, case, spaces, hyphens and apostrophes (MÜLLER-Lüdenscheidt ~ MULLER LUDEN…)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def name_and_birth_key(applicant: Applicant) -> tuple[str, str, str] | None:
    """(family, given, birth date), or None when the family name or the date of birth is not known."""
    if applicant.birth_date is None or not _name(applicant.family_name):
        return None
    return _name(applicant.family_name), _name(applicant.given_names), applicant.birth_date.isoformat()


def find_duplicates(candidate: Applicant, passport_numbers: Sequence[str], existing: Iterable[Applicant],
                    numbers_by_applicant: Mapping[ApplicantId, Sequence[str]]) -> list[DuplicateMatch]:
    """Stored applicants (other than the candidate itself) sharing a passport number or name and birth date."""
    wanted = {passport_key(n) for n in passport_numbers if passport_key(n)}
    key = name_and_birth_key(candidate)
    found = []
    for other in existing:
        if candidate.id is not None and other.id == candidate.id:
            continue
        theirs = {passport_key(n) for n in numbers_by_applicant.get(other.id, ())} if other.id is not None else set()
        by_passport = bool(wanted & theirs)
        by_name = key is not None and name_and_birth_key(other) == key
        if by_passport or by_name:
            found.append(DuplicateMatch(other, by_passport, by_name))
    found.sort(key=lambda m: (not m.by_passport, not m.by_name_and_birth, m.existing.id or 0))
    return found


def merged_identity(existing: Applicant, new: Applicant) -> Applicant:
    """The stored applicant with the blanks filled from the new entry; what is stored already is kept."""
    changes = {f.name: getattr(new, f.name) for f in dataclasses.fields(Applicant)
               if f.name != "id" and getattr(existing, f.name) in (None, "") and getattr(new, f.name) not in (None, "")}
    return dataclasses.replace(existing, **changes)


class DuplicateIndex:
    """Stored applicants by passport number and by name and birth date: many candidates checked at once (a firm's
    bulk import of thousands of case files) without listing every applicant for each one."""

    def __init__(self, existing: Iterable[Applicant], numbers_by_applicant: Mapping[ApplicantId, Sequence[str]]):
        self._by_passport: dict[str, list[Applicant]] = {}
        self._by_name: dict[tuple[str, str, str], list[Applicant]] = {}
        for applicant in existing:
            self.add(applicant, numbers_by_applicant.get(applicant.id, ()) if applicant.id is not None else ())

    def add(self, applicant: Applicant, passport_numbers: Sequence[str]) -> None:
        for number in {passport_key(n) for n in passport_numbers if passport_key(n)}:
            self._by_passport.setdefault(number, []).append(applicant)
        key = name_and_birth_key(applicant)
        if key is not None:
            self._by_name.setdefault(key, []).append(applicant)

    def matches(self, candidate: Applicant, passport_numbers: Sequence[str]) -> list[DuplicateMatch]:
        """As find_duplicates, against the indexed applicants."""
        by_passport = {id(a): a for n in passport_numbers if passport_key(n)
                       for a in self._by_passport.get(passport_key(n), ())}
        key = name_and_birth_key(candidate)
        by_name = {id(a): a for a in self._by_name.get(key, ())} if key is not None else {}
        found = [DuplicateMatch(a, i in by_passport, i in by_name) for i, a in {**by_passport, **by_name}.items()
                 if candidate.id is None or a.id != candidate.id]
        found.sort(key=lambda m: (not m.by_passport, not m.by_name_and_birth, m.existing.id or 0))
        return found
