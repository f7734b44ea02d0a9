"""Absences from mainland China: each exit and the entry that follows it, measured both ways (DOMAIN §4.2).

full_days_outside counts the dates with no presence at all (entry − exit − 1, never below 0); date_difference is
entry − exit. They differ by one day, which decides the IIT six-year rule's ">30 days" test in edge cases
(DOMAIN open question 2), so both are kept.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.presence.days import sort_crossings
from core.records.identity import Crossing, Direction

FULL_DAYS = "full_days"
DATE_DIFFERENCE = "date_difference"
MEASURES = (FULL_DAYS, DATE_DIFFERENCE)


@dataclass(frozen=True)
class Absence:
    """One departure; `entry` is None while the person is still outside on the as-of date.

    An open absence is measured as if the person came back the day after the as-of date: the least it can
    still amount to, since the as-of date itself was spent outside.
    """

    exit: dt.date
    entry: dt.date | None
    full_days_outside: int
    date_difference: int

    @property
    def open(self) -> bool:
        return self.entry is None

    def measure(self, reading: str) -> int:
        """The length under one reading of ">30 days": FULL_DAYS or DATE_DIFFERENCE."""
        if reading == FULL_DAYS:
            return self.full_days_outside
        if reading == DATE_DIFFERENCE:
            return self.date_difference
        raise ValueError(f"unknown reading {reading!r}")

    def last_day(self, as_of: dt.date) -> dt.date:
        """The last date spent (at least partly) outside: the entry date, or the as-of date while open."""
        return self.entry if self.entry is not None else as_of

    def years(self, as_of: dt.date) -> range:
        return range(self.exit.year, self.last_day(as_of).year + 1)


def measure(exit_date: dt.date, entry: dt.date | None, as_of: dt.date) -> Absence:
    back = entry if entry is not None else as_of + dt.timedelta(days=1)
    difference = (back - exit_date).days
    return Absence(exit_date, entry, max(0, difference - 1), difference)


def absences(crossings: Iterable[Crossing], as_of: dt.date) -> list[Absence]:
    """Absences up to `as_of`, oldest first; crossings may come in any order and later ones are ignored.

    Like presence.stays, a second exit without an entry between them changes nothing: the absence runs from the
    first exit to the next entry.
    """
    return absences_sorted(sort_crossings(crossings), as_of)


def absences_sorted(ordered: Sequence[Crossing], as_of: dt.date) -> list[Absence]:
    result: list[Absence] = []
    left: dt.date | None = None
    for c in ordered:
        if c.date > as_of:
            break
        if c.direction is Direction.EXIT and left is None:
            left = c.date
        elif c.direction is Direction.ENTRY and left is not None:
            result.append(measure(left, c.date, as_of))
            left = None
    if left is not None:
        result.append(measure(left, None, as_of))
    return result
