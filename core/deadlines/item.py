"""What a deadline row is, apart from the rules that compute it (core/deadlines/items.py): the kinds, the urgencies,
one item and their order. The window's deadlines dock and the client list's badges read these without loading the
rules, the record model or the working-day calendar (issue 15: a first-run window starts with none of them)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from core.i18n import _
from core.records.identity import ApplicantId


class DeadlineKind(StrEnum):
    EXPIRY = "expiry"
    RP_FILING = "rp_filing"
    WP_FILING = "wp_filing"
    PASSPORT_MARGIN = "passport_margin"
    PASSPORT_BEFORE_PERMIT = "passport_before_permit"
    DOCUMENT_VALIDITY = "document_validity"
    INVALID_ON_FILING = "invalid_on_filing"
    ACCOMMODATION = "accommodation_registration"
    RP_CHANGE = "rp_change"
    PR_PRESENCE = "pr_presence"
    PR_RENEWAL = "pr_card_renewal"
    RP_AFTER_ENTRY = "rp_after_entry"
    STAY_EXTENSION = "stay_extension"
    PR_CARD_COLLECTION = "pr_card_collection"
    DECISION_DUE = "decision_due"


class Urgency(StrEnum):
    OVERDUE = "overdue"
    URGENT = "urgent"
    SOON = "soon"
    LATER = "later"

    @property
    def word(self) -> str:
        """The severity as the text output says it, in the interface's language (`--json` keeps the code)."""
        return {"overdue": _("overdue"), "urgent": _("urgent"), "soon": _("soon"), "later": _("later")}[self.value]


@dataclass(frozen=True)
class DeadlineItem:
    """One thing due; `record` is (table, id) of the record to open, e.g. ("document", 7)."""

    applicant_id: ApplicantId
    name: str
    kind: DeadlineKind
    title: str
    document: str
    due: dt.date
    days_left: int
    urgency: Urgency  # how soon (packets' findings have a Severity; this is not one)
    source: str
    detail: str = ""
    due_time: dt.time | None = None
    record: tuple[str, int] | None = None
    lenient_due: dt.date | None = None  # where a lead time is open: the latest date by the lenient reading
    derived: bool = False  # the date is computed from a rule, not printed on the record (e.g. a PR card's expiry)


def sort_items(items: Iterable[DeadlineItem]) -> list[DeadlineItem]:
    return sorted(items, key=lambda i: (i.due, i.due_time or dt.time.max, i.name, i.kind.value, i.document))


def within(items: Iterable[DeadlineItem], days: int | None) -> list[DeadlineItem]:
    """Items due within `days` (overdue ones included); all when `days` is None."""
    return [i for i in items if days is None or i.days_left <= days]
