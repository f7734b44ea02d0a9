"""Border crossings -> days present in mainland China, in the two conventions of DOMAIN §4.

calendar_days: a date counts when the person was in the mainland at any moment of it (entry and exit dates count).
full_days: a date counts only with the whole 24 hours in the mainland (TAX34 para. 2): entry dates, exit dates and
same-day round trips do not count.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.records.identity import Crossing, Direction

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Stay:
    """One continuous presence in the mainland; `first`/`last` are dates with any presence, inclusive."""

    first: dt.date
    last: dt.date
    open_start: bool  # present since before the first record
    open_end: bool  # still present on the as-of date

    @property
    def first_full(self) -> dt.date:
        return self.first if self.open_start else self.first + ONE_DAY

    @property
    def last_full(self) -> dt.date:
        return self.last if self.open_end else self.last - ONE_DAY


@dataclass(frozen=True)
class YearCount:
    year: int
    calendar_days: int
    full_days: int


@dataclass(frozen=True)
class SequenceProblem:
    """Two crossings in the same direction in a row: a record is missing between them."""

    first_index: int
    second_index: int
    direction: Direction


def sort_crossings(crossings: Iterable[Crossing]) -> list[Crossing]:
    """Sort by date, then time, then input order (DESIGN: crossings CSV contract).

    Times order the crossings of one date only when every crossing of that date has one; otherwise that date's
    crossings keep their input order, because an unknown time cannot be placed against a known one.
    """
    items = list(crossings)
    untimed_dates = {c.date for c in items if c.time is None}

    def key(c: Crossing) -> tuple[dt.date, dt.time]:
        if c.date in untimed_dates or c.time is None:
            return (c.date, dt.time.min)
        return (c.date, c.time)

    return sorted(items, key=key)  # sorted() is stable: ties keep input order


def sequence_problems(ordered: Sequence[Crossing]) -> list[SequenceProblem]:
    """The one "same direction twice" check: imports, the CSV reader, the Travel tab and packets word its result."""
    return [
        SequenceProblem(i - 1, i, ordered[i].direction)
        for i in range(1, len(ordered))
        if ordered[i].direction is ordered[i - 1].direction
    ]


def stays(ordered: Sequence[Crossing], as_of: dt.date) -> list[Stay]:
    """Continuous presences up to the end of `as_of`; crossings must be sorted and alternate in direction.

    Before the first crossing the person is on the opposite side of its direction; after the last one they stay
    where it left them. Crossings after `as_of` are ignored.
    """
    relevant = [c for c in ordered if c.date <= as_of]
    result: list[Stay] = []
    if not relevant:
        if ordered and ordered[0].direction is Direction.EXIT:
            # Present since before any record, and the first exit is still in the future.
            return [Stay(dt.date.min, as_of, open_start=True, open_end=True)]
        return []
    start: dt.date | None = None
    open_start = False
    if relevant[0].direction is Direction.EXIT:
        start, open_start = dt.date.min, True
    for c in relevant:
        if c.direction is Direction.ENTRY:
            start, open_start = c.date, False
        elif start is not None:
            result.append(Stay(start, c.date, open_start, open_end=False))
            start = None
    if start is not None:
        result.append(Stay(start, as_of, open_start, open_end=True))
    return result


def _overlap(a0: dt.date, a1: dt.date, b0: dt.date, b1: dt.date) -> int:
    lo, hi = max(a0, b0), min(a1, b1)
    return (hi - lo).days + 1 if hi >= lo else 0


def count_between(stay_list: Sequence[Stay], start: dt.date, end: dt.date) -> tuple[int, int]:
    """(calendar_days, full_days) between `start` and `end` inclusive."""
    calendar = full = 0
    previous_last: dt.date | None = None
    for s in stay_list:
        calendar += _overlap(s.first, s.last, start, end)
        if previous_last is not None and previous_last == s.first and start <= s.first <= end:
            calendar -= 1  # exit and re-entry on the same date: one calendar day, counted once
        previous_last = s.last
        if s.first_full <= s.last_full:
            full += _overlap(s.first_full, s.last_full, start, end)
    return calendar, full


def year_counts(crossings: Iterable[Crossing], as_of: dt.date) -> list[YearCount]:
    """Days present per calendar year, from the first crossing's year to the as-of year, ascending."""
    ordered = sort_crossings(crossings)
    if not ordered:
        return []
    stay_list = stays(ordered, as_of)
    first_year = ordered[0].date.year
    result = []
    for year in range(first_year, as_of.year + 1):
        cal, full = count_between(stay_list, dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of))
        result.append(YearCount(year, cal, full))
    return result


@dataclass(frozen=True)
class WindowCount:
    start: dt.date
    end: dt.date
    calendar_days: int
    full_days: int


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same month and day `years` later (negative: earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def rolling_windows(end: dt.date, n: int) -> list[tuple[dt.date, dt.date]]:
    """Rolling years ending on `end`, backwards (M2004 Art. 6: consecutive years before the application date).

    Window k (1..n) ends on `end` shifted back k-1 years and starts the day after `end` shifted back k years.
    """
    return [(shift_years(end, -k) + ONE_DAY, shift_years(end, -(k - 1))) for k in range(1, n + 1)]


def window_counts(crossings: Iterable[Crossing], end: dt.date, n: int,
                  as_of: dt.date | None = None) -> list[WindowCount]:
    """Both counts per rolling window, window 1 first; presence is known up to `as_of` (default `end`)."""
    stay_list = stays(sort_crossings(crossings), as_of or end)
    return [WindowCount(s, e, *count_between(stay_list, s, e)) for s, e in rolling_windows(end, n)]


class DayTable:
    """Both counts for every date of [lo, hi] as prefix sums, so any period inside costs O(1).

    Built once from the stays in O(stays + days); rolling windows, calendar years and projections then query it
    instead of walking the stays again for every period.
    """

    def __init__(self, stay_list: Sequence[Stay], lo: dt.date, hi: dt.date):
        if hi < lo:
            raise ValueError(f"empty range {lo}..{hi}")
        self.lo, self.hi = lo, hi
        base, size = lo.toordinal(), (hi - lo).days + 1
        cover = [0] * (size + 1)  # how many stays touch a date: a same-date exit and re-entry counts once
        full = [0] * (size + 1)
        for s in stay_list:
            for first, last, diff in ((s.first, s.last, cover), (s.first_full, s.last_full, full)):
                a, b = max(first, lo), min(last, hi)
                if a <= b:
                    diff[a.toordinal() - base] += 1
                    diff[b.toordinal() - base + 1] -= 1
        self._cal = self._prefix(cover, size)
        self._full = self._prefix(full, size)

    @staticmethod
    def _prefix(diff: list[int], size: int) -> list[int]:
        sums, running, total = [0] * (size + 1), 0, 0
        for i in range(size):
            running += diff[i]
            total += running > 0
            sums[i + 1] = total
        return sums

    def counts(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """(calendar_days, full_days) from `start` to `end` inclusive; the period must lie inside [lo, hi]."""
        if end < start:
            return 0, 0
        if start < self.lo or end > self.hi:
            raise ValueError(f"period {start}..{end} outside the table {self.lo}..{self.hi}")
        a, b = start.toordinal() - self.lo.toordinal(), end.toordinal() - self.lo.toordinal() + 1
        return self._cal[b] - self._cal[a], self._full[b] - self._full[a]


def day_table(crossings: Iterable[Crossing], lo: dt.date, hi: dt.date, as_of: dt.date | None = None) -> DayTable:
    """A DayTable for crossings in any order; presence is known up to `as_of` (default `hi`)."""
    return DayTable(stays(sort_crossings(crossings), as_of or hi), lo, hi)
