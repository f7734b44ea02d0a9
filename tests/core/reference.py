"""A deliberately simple day-by-day reference for presence counts, used only by property tests."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.records.identity import Crossing, Direction


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


def reference_period(crossings: list[Crossing], start: dt.date, end: dt.date,
                     as_of: dt.date | None = None) -> tuple[int, int]:
    """(calendar days, full days) from `start` to `end`, day by day; nothing is known after `as_of`."""
    if not crossings or end < start:
        return 0, 0
    # Crossings after as_of change no earlier day, but the first crossing's direction still tells where the
    # person was before any record (presence.stays), so they are all passed in.
    states = day_states(crossings, start, end)
    days = [(a, f) for d, (a, f) in states.items() if as_of is None or d <= as_of]
    return sum(a for a, _ in days), sum(f for _, f in days)


def reference_absences(crossings: list[Crossing], as_of: dt.date) -> list[tuple[dt.date, dt.date | None, int, int]]:
    """(exit, entry or None, dates with no presence at all in between, entry - exit) by walking the days."""
    ordered = [c for c in _ordered(crossings) if c.date <= as_of]
    result = []
    for i, c in enumerate(ordered):
        if c.direction is not Direction.EXIT or (i > 0 and ordered[i - 1].direction is Direction.EXIT):
            continue
        entry = next((d.date for d in ordered[i + 1:] if d.direction is Direction.ENTRY), None)
        last = (entry - dt.timedelta(days=1)) if entry else as_of
        states = day_states(crossings, c.date + dt.timedelta(days=1), last) if last > c.date else {}
        outside = sum(1 for a, _f in states.values() if not a)
        back = entry or as_of + dt.timedelta(days=1)
        result.append((c.date, entry, outside, (back - c.date).days))
    return result
