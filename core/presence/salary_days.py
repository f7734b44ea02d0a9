"""China work days for sourcing salary (TAX35, DOMAIN §4.2): whole days in China count 1, partial days a weight.

For people employed by a foreign entity, or by both a China and a foreign entity, a day with less than 24 hours in
China (an entry date, an exit date, a same-day trip) counts as half a work day (TAX35; the weight is the setting
`work_days_partial_day_weight`, open question 13). For people employed only by a China entity the older rule
(国税发[2004]97) counted such a day as a full day. Weekends, holidays and leave in China count too, so the basis
is presence, not the working calendar.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from core.presence.days import count_between, sort_crossings, stays
from core.records.identity import Crossing


class Employer(StrEnum):
    FOREIGN = "foreign"  # paid by a foreign employer only
    DUAL = "dual"  # employed by both a China and a foreign entity
    CHINA = "china"  # employed only by a China entity


@dataclass(frozen=True)
class WorkDays:
    full_days: int
    partial_days: int
    work_days: Decimal
    weight: Decimal  # what one partial day counted


def china_work_days(crossings: Iterable[Crossing], start: dt.date, end: dt.date, employer: Employer,
                    partial_day_weight: float = 0.5, as_of: dt.date | None = None) -> WorkDays:
    """Work days in China between `start` and `end` inclusive, presence known up to `as_of` (default `end`)."""
    calendar, full = count_between(stays(sort_crossings(crossings), as_of or end), start, end)
    return work_days_from_counts(calendar, full, employer, partial_day_weight)


def work_days_from_counts(calendar_days: int, full_days: int, employer: Employer,
                          partial_day_weight: float = 0.5) -> WorkDays:
    """The same figure from a period's two presence counts: partial days are the calendar days not full."""
    partial = calendar_days - full_days
    weight = Decimal(1) if employer is Employer.CHINA else Decimal(str(partial_day_weight))
    return WorkDays(full_days, partial, full_days + weight * partial, weight)
