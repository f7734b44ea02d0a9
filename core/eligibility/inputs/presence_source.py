"""Presence counts for the eligibility checks: straight from core.presence.days, or from a day index for projections.

A verdict on one date uses `DirectPresence` (core.presence.days.window_counts, the reference). The earliest-date search
asks for thousands of windows and uses `PresenceIndex`, which marks each day once and answers any window from
prefix sums; tests check the two against each other.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Protocol

from core.presence.days import WindowCount, count_between, rolling_windows, sort_crossings, stays, window_counts
from core.records.identity import Crossing


class PresenceSource(Protocol):
    def windows(self, end: dt.date, n: int) -> list[WindowCount]: ...

    def between(self, start: dt.date, end: dt.date) -> tuple[int, int]: ...


class DirectPresence:
    """Counts from core.presence.days, with presence known up to each window's end (planned crossings included)."""

    def __init__(self, crossings: Iterable[Crossing]):
        self._ordered = sort_crossings(crossings)

    def windows(self, end: dt.date, n: int) -> list[WindowCount]:
        return window_counts(self._ordered, end, n)

    def between(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        return count_between(stays(self._ordered, end), start, end)


class PresenceIndex:
    """Calendar-presence and full days marked per date over [first, last], answered by prefix sums."""

    def __init__(self, crossings: Iterable[Crossing], first: dt.date, last: dt.date):
        self.first, self.last = first, last
        size = (last - first).days + 1
        cal, full = bytearray(size), bytearray(size)
        for s in stays(sort_crossings(crossings), last):
            _mark(cal, s.first, s.last, first, last)
            if s.first_full <= s.last_full:
                _mark(full, s.first_full, s.last_full, first, last)
        self._cal = [0, *accumulate(cal)]
        self._full = [0, *accumulate(full)]

    def between(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        if start < self.first or end > self.last:
            raise ValueError(f"window {start}..{end} outside the index {self.first}..{self.last}")
        a, b = (start - self.first).days, (end - self.first).days + 1
        return self._cal[b] - self._cal[a], self._full[b] - self._full[a]

    def windows(self, end: dt.date, n: int) -> list[WindowCount]:
        return [WindowCount(s, e, *self.between(s, e)) for s, e in rolling_windows(end, n)]


def _mark(days: bytearray, start: dt.date, end: dt.date, first: dt.date, last: dt.date) -> None:
    lo, hi = max(start, first), min(end, last)
    if lo <= hi:
        a, b = (lo - first).days, (hi - first).days + 1
        days[a:b] = b"\x01" * (b - a)


def total(counts: Sequence[WindowCount]) -> tuple[int, int]:
    return sum(c.calendar_days for c in counts), sum(c.full_days for c in counts)
