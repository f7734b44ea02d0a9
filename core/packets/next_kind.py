"""Which packet the client needs next: the kind their earliest filing deadline calls for (the residence-permit
renewal before its last filing day, the work-permit extension), else the first kind the
records suggest. The wizard preselects it; the user may choose another."""
from __future__ import annotations

from collections.abc import Sequence

from core.deadlines.item import DeadlineItem, DeadlineKind

RP_RENEWALS = ("rp_work_renewal", "rp_family_renewal")
RP_FIRSTS = ("rp_work_first", "rp_personal_affairs")  # the 30 days after entry (EEAL Art. 30)


def kind_for_deadline(item: DeadlineItem, suggested: Sequence[str]) -> str | None:
    """The packet kind a deadline row asks for, or None when it is not a filing deadline."""
    if item.kind is DeadlineKind.RP_FILING:
        return next((k for k in suggested if k in RP_RENEWALS), RP_RENEWALS[0])
    if item.kind is DeadlineKind.WP_FILING:
        return "wp_extension"
    if item.kind is DeadlineKind.RP_AFTER_ENTRY:
        return next((k for k in suggested if k in RP_FIRSTS), RP_FIRSTS[0])
    if item.kind is DeadlineKind.RP_CHANGE:
        return "rp_passport_change"
    return None


def next_kind(items: Sequence[DeadlineItem], suggested: Sequence[str]) -> str | None:
    """The kind of the earliest filing deadline among `items` (sorted or not), else the first suggested kind."""
    for item in sorted(items, key=lambda i: (i.due, i.kind.value)):
        kind = kind_for_deadline(item, suggested)
        if kind is not None:
            return kind
    return suggested[0] if suggested else None
