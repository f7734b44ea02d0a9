"""Many case files at once (a firm moving in): each file all or nothing, duplicates of stored clients held back,
and a summary of what was imported, what was a duplicate and what was refused, with the reason per file.

The writing is passed in (`insert`, one transaction per file), so this module reads files and decides, and the
storage stays in core/storage.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from core.errors import InputError
from core.exchange.casefile import is_sealed_file, read_case_file
from core.i18n import _
from core.records.duplicates import DuplicateIndex, DuplicateMatch
from core.records.identity import ApplicantId
from core.records.model import CaseRecords


class CaseImportStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"  # someone in the file is a stored client already: nothing imported (unless kept)
    REFUSED = "refused"  # unreadable, invalid, encrypted without its passphrase: nothing imported


@dataclass(frozen=True)
class CaseFileOutcome:
    path: Path
    status: CaseImportStatus
    applicant_ids: tuple[ApplicantId, ...] = ()  # imported: the principal first, then the dependants
    reason: str = ""  # duplicate or refused: why, in the user's language
    duplicate_of: tuple[ApplicantId, ...] = ()  # duplicate: the stored clients matched


@dataclass(frozen=True)
class CaseImportSummary:
    outcomes: tuple[CaseFileOutcome, ...]

    def of(self, status: CaseImportStatus) -> list[CaseFileOutcome]:
        return [o for o in self.outcomes if o.status is status]

    @property
    def imported_ids(self) -> list[ApplicantId]:
        return [a for o in self.of(CaseImportStatus.IMPORTED) for a in o.applicant_ids]

    def line(self) -> str:
        """One sentence for a status bar or the end of a command's output."""
        return _("Imported {imported} of {total} case files; {duplicates} duplicate, {refused} refused.").format(
            imported=len(self.of(CaseImportStatus.IMPORTED)), total=len(self.outcomes),
            duplicates=len(self.of(CaseImportStatus.DUPLICATE)), refused=len(self.of(CaseImportStatus.REFUSED)))


def duplicate_reason(name: str, match: DuplicateMatch) -> str:
    stored = f"{match.existing.id} {match.existing.latin_name}".strip()
    if match.by_passport:
        return _("{name}: the same passport number as stored client {stored}").format(name=name, stored=stored)
    return _("{name}: the same name and date of birth as stored client {stored}").format(name=name, stored=stored)


def import_case_files(paths: Sequence[Path], insert: Callable[[CaseRecords], list[ApplicantId]],
                      index: DuplicateIndex, today: dt.date | None = None,
                      passphrase: Callable[[Path], str | None] | None = None, keep_duplicates: bool = False,
                      progress: Callable[[int, int], None] | None = None) -> CaseImportSummary:
    """Each file in turn; `index` learns each imported person, so the same person twice in one batch is caught."""
    outcomes = []
    for n, path in enumerate(paths):
        if progress is not None:
            progress(n, len(paths))
        outcomes.append(_one(path, insert, index, today, passphrase, keep_duplicates))
    if progress is not None:
        progress(len(paths), len(paths))
    return CaseImportSummary(tuple(outcomes))


def _one(path: Path, insert: Callable[[CaseRecords], list[ApplicantId]], index: DuplicateIndex,
         today: dt.date | None, passphrase: Callable[[Path], str | None] | None,
         keep_duplicates: bool) -> CaseFileOutcome:
    try:
        key = passphrase(path) if passphrase is not None and is_sealed_file(path) else None
        case = read_case_file(path, today, key)
    except (InputError, ValueError) as exc:
        return CaseFileOutcome(path, CaseImportStatus.REFUSED, reason=str(exc))
    numbers = [[p.number for p in person.passports] for person in case.people]
    if not keep_duplicates:
        found = [(person.applicant.latin_name, m) for person, nums in zip(case.people, numbers, strict=True)
                 for m in index.matches(dataclasses.replace(person.applicant, id=None), nums)]  # ids: the file's own
        if found:
            return CaseFileOutcome(path, CaseImportStatus.DUPLICATE,
                                   reason=_("; ").join(duplicate_reason(name, m) for name, m in found),
                                   duplicate_of=tuple(dict.fromkeys(ApplicantId(int(m.existing.id or 0))
                                                                    for _n, m in found)))
    try:
        ids = insert(case)
    except InputError as exc:  # the records' own checks: named in the file, as the reader names its problems
        return CaseFileOutcome(path, CaseImportStatus.REFUSED, reason=str(InputError(
            [p if p.source else dataclasses.replace(p, source=str(path)) for p in exc.problems])))
    except ValueError as exc:
        return CaseFileOutcome(path, CaseImportStatus.REFUSED,
                               reason=_("{where}: {message}").format(where=path, message=exc))
    for person, nums, new_id in zip(case.people, numbers, ids, strict=True):
        index.add(dataclasses.replace(person.applicant, id=new_id), nums)
    return CaseFileOutcome(path, CaseImportStatus.IMPORTED, tuple(ids))

