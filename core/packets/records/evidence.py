"""One source of truth per fact (issue 10 §11): the eligibility memo reads the evidence the checklist shows.

The eligibility engine reads the applicant's own records; the checklist also takes a relative's document (the
Chinese spouse's lease, a deposit in the spouse's name) and judges each on the filing date. Before a packet's
route is assessed, the facts a checklist row evidences are set from those rows, so the checklist, the eligibility
page and the cover never disagree about one document.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from core.eligibility.facts import ApplicantFacts
from core.packets.content import ChecklistRow, ItemStatus
from core.packets.plan import PacketPlan

# An eligibility fact -> the checklist items that evidence it; every one of them must be held (MPS-spouse list).
EVIDENCED_BY = {"livelihood_and_home": ("housing", "livelihood")}


def with_checklist_evidence(facts: ApplicantFacts, plan: PacketPlan, rows: Iterable[ChecklistRow]
                            ) -> ApplicantFacts:
    """`facts` with the document-evidenced facts read from the checklist rows (held on the filing date)."""
    status = {row.key: row.status for row in rows}
    changes: dict[str, object] = {}
    for fact, items in EVIDENCED_BY.items():
        present = [status[i] for i in items if i in status and status[i] is not ItemStatus.NOT_APPLICABLE]
        if present and len(present) == len(items):
            changes[fact] = True if all(s is ItemStatus.HAVE for s in present) else None
    held = {kind for item in plan.applicable if status.get(item.key) is ItemStatus.HAVE for kind in item.records}
    if facts.documents is not None:
        changes["documents"] = frozenset(facts.documents) | frozenset(held - {"passport"})
    return dataclasses.replace(facts, **changes)  # type: ignore[arg-type]
