"""What a use case changed, so each view refreshes only that (Anki's OpChanges): which applicants, which kinds of
record, and whether the list of applicants itself changed (added, removed, renamed)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.records.identity import ApplicantId


@dataclass(frozen=True)
class OpChanges:
    applicants: frozenset[ApplicantId] = frozenset()
    kinds: frozenset[str] = frozenset()  # "applicant", "passport", "crossing", "document", "filing", …
    applicant_list: bool = False

    @classmethod
    def of(cls, applicant_ids: Iterable[int], *kinds: str, applicant_list: bool = False) -> OpChanges:
        return cls(frozenset(ApplicantId(int(a)) for a in applicant_ids), frozenset(kinds), applicant_list)

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(self.applicants | other.applicants, self.kinds | other.kinds,
                         self.applicant_list or other.applicant_list)

    def touches(self, applicant_id: ApplicantId | None) -> bool:
        return applicant_id is not None and applicant_id in self.applicants
