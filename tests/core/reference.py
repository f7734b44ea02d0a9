"""A deliberately simple day-by-day reference for presence counts, used only by property tests."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.model import Crossing, Direction


def _ordered(crossings: list[Crossing]) -> list[Crossing]:
    return sorted(crossings, key=lambda c: (c.date, c.time or dt.time.min))


def day_states(crossings: list[Crossing], start: dt.date, end: dt.date) -> dict[dt.date, tuple[bool, bool]]:
    """For each date: (present at any moment, present the whole 24 hours)."""
    ordered = _ordered(crossings)
    by_date: dict[dt.date, list[Direction]] = defaultdict(list)
    for c in ordered:
        by_date[c.date].append(c.direction)
    inside = bool(ordered) and ordered[0].direction is Direction.EXIT
    # Replay everything before `start` so the state at the start of `start` is right.
    for c in ordered:
        if c.date < start:
            inside = c.direction is Direction.ENTRY
    states = {}
    day = start
    while day <= end:
        events = by_date.get(day, [])
        any_presence = inside or Direction.ENTRY in events
        full = inside and not events
        for e in events:
            inside = e is Direction.ENTRY
        states[day] = (any_presence, full)
        day += dt.timedelta(days=1)
    return states


def reference_counts(crossings: list[Crossing], as_of: dt.date) -> dict[int, tuple[int, int]]:
    if not crossings:
        return {}
    first_year = min(c.date for c in crossings).year
    if first_year > as_of.year:
        return {}
    states = day_states(crossings, dt.date(first_year, 1, 1), as_of)
    result: dict[int, tuple[int, int]] = {y: (0, 0) for y in range(first_year, as_of.year + 1)}
    for day, (any_presence, full) in states.items():
        cal, fd = result[day.year]
        result[day.year] = (cal + any_presence, fd + full)
    return result
