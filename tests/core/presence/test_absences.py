"""Absences: both measures, open absences, same-day trips, unsorted input, and a day-by-day property test."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from core.presence.absences import DATE_DIFFERENCE, FULL_DAYS, absences
from core.records.identity import Crossing, Direction
from tests.core.reference import reference_absences
from tests.core.strategies import histories

D = dt.date.fromisoformat
IN, OUT = Direction.ENTRY, Direction.EXIT


def c(day: str, direction: Direction, time: str | None = None) -> Crossing:
    return Crossing(D(day), direction, dt.time.fromisoformat(time) if time else None)


def rows(crossings: list[Crossing], as_of: str) -> list[tuple[str, str | None, int, int]]:
    return [(a.exit.isoformat(), a.entry.isoformat() if a.entry else None, a.full_days_outside, a.date_difference)
            for a in absences(crossings, D(as_of))]


@pytest.mark.parametrize("name,crossings,as_of,expected", [
    # DOMAIN case 3: out 2023-06-10, back 06-11 -> no full day outside, date difference 1.
    ("overnight", [c("2023-06-10", OUT), c("2023-06-11", IN)], "2023-12-31", [("2023-06-10", "2023-06-11", 0, 1)]),
    # DOMAIN case 2: same-day round trip -> 0 and 0.
    ("same-day trip", [c("2023-06-10", OUT, "08:00"), c("2023-06-10", IN, "20:00")], "2023-12-31",
     [("2023-06-10", "2023-06-10", 0, 0)]),
    # DOMAIN case 6: exit 2022-07-01, return 08-15 -> 44 full days outside, 45 by date difference.
    ("case 6", [c("2022-07-01", OUT), c("2022-08-15", IN)], "2022-12-31", [("2022-07-01", "2022-08-15", 44, 45)]),
    # DOMAIN case 7: returns 07-31 / 08-01 / 08-02 -> 29/30 ; 30/31 ; 31/32.
    ("case 7a", [c("2024-07-01", OUT), c("2024-07-31", IN)], "2024-12-31", [("2024-07-01", "2024-07-31", 29, 30)]),
    ("case 7b", [c("2024-07-01", OUT), c("2024-08-01", IN)], "2024-12-31", [("2024-07-01", "2024-08-01", 30, 31)]),
    ("case 7c", [c("2024-07-01", OUT), c("2024-08-02", IN)], "2024-12-31", [("2024-07-01", "2024-08-02", 31, 32)]),
    # Leap day inside an absence.
    ("leap day", [c("2024-02-28", OUT), c("2024-03-01", IN)], "2024-12-31", [("2024-02-28", "2024-03-01", 1, 2)]),
    # Open at the as-of date: measured as if back the next day (entry null).
    ("open", [c("2023-01-01", IN), c("2026-11-01", OUT)], "2026-11-22", [("2026-11-01", None, 21, 22)]),
    ("open, left on as-of", [c("2026-11-22", OUT)], "2026-11-22", [("2026-11-22", None, 0, 1)]),
    # The return after the as-of date is not known yet.
    ("return after as-of", [c("2026-11-01", OUT), c("2026-12-01", IN)], "2026-11-22", [("2026-11-01", None, 21, 22)]),
    # Entry first: nothing recorded before it, so no absence.
    ("entry first", [c("2023-01-01", IN)], "2023-12-31", []),
    # Unsorted input across a year boundary.
    ("unsorted", [c("2023-01-05", IN), c("2021-01-01", IN), c("2022-12-20", OUT)], "2023-12-31",
     [("2022-12-20", "2023-01-05", 15, 16)]),
])
def test_absences(name: str, crossings: list[Crossing], as_of: str, expected: list[tuple[str, str | None, int, int]]):
    assert rows(crossings, as_of) == expected


def test_measure_names_the_reading():
    (a,) = absences([c("2024-07-01", OUT), c("2024-08-01", IN)], D("2024-12-31"))
    assert (a.measure(FULL_DAYS), a.measure(DATE_DIFFERENCE)) == (30, 31)
    with pytest.raises(ValueError):
        a.measure("weeks")


@settings(max_examples=80, deadline=None)
@given(histories())
def test_absences_match_day_by_day_reference(history: tuple[list[Crossing], dt.date]):
    crossings, as_of = history
    got = [(a.exit, a.entry, a.full_days_outside, a.date_difference) for a in absences(crossings, as_of)]
    assert got == reference_absences(crossings, as_of)
