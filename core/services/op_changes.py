"""What a use case changed, so each view refreshes only that (Anki's OpChanges): which applicants, which kinds of
record, and whether the list of applicants itself changed (added, removed, renamed, regrouped).

The service, not the caller, says what changed: it reads the history entries its storage triggers wrote while the
use case ran (`JuliuService.perform`, or `change_mark` / `changes_since` around a dialog), so a new record kind or
a use case that writes more than it used to is reported without anyone keeping a list in step.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from core.records.identity import ApplicantId

T = TypeVar("T")
# Rows the client list shows or groups by: a write to one of these changes the list itself.
LIST_TABLES = frozenset({"applicant", "person_profile"})


@dataclass(frozen=True)
class OpChanges:
    applicants: frozenset[ApplicantId] = frozenset()
    kinds: frozenset[str] = frozenset()  # table names: "applicant", "passport", "crossing", "document", "filing", …
    applicant_list: bool = False

    @classmethod
    def of(cls, applicant_ids: Iterable[int], *kinds: str, applicant_list: bool = False) -> OpChanges:
        return cls(frozenset(ApplicantId(int(a)) for a in applicant_ids), frozenset(kinds), applicant_list)

    @classmethod
    def from_writes(cls, writes: Iterable[tuple[int | None, str, str]]) -> OpChanges:
        """From (applicant id, table, action) of each row written, as the history records them."""
        writes = list(writes)
        return cls(frozenset(ApplicantId(int(a)) for a, _t, _x in writes if a is not None),
                   frozenset(t for _a, t, _x in writes), any(t in LIST_TABLES for _a, t, _x in writes))

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(self.applicants | other.applicants, self.kinds | other.kinds,
                         self.applicant_list or other.applicant_list)

    def __bool__(self) -> bool:
        return bool(self.applicants or self.kinds or self.applicant_list)

    def touches(self, applicant_id: ApplicantId | None) -> bool:
        return applicant_id is not None and applicant_id in self.applicants


@dataclass(frozen=True)
class Performed(Generic[T]):
    """A mutation's own result and what it changed."""

    value: T
    changes: OpChanges
