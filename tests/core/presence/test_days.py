"""Days present: DOMAIN.md §4 worked cases, boundaries, and a property test against a day-by-day reference."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.presence.days import rolling_windows, sort_crossings, window_counts, year_counts
from core.records.identity import Crossing, Direction
from tests.core.reference import day_states, reference_counts

D = dt.date
IN, OUT = Direction.ENTRY, Direction.EXIT


def c(day: str, direction: Direction, time: str | None = None) -> Crossing:
    return Crossing(date=D.fromisoformat(day), direction=direction,
                    time=dt.time.fromisoformat(time) if time else None)


def counts(crossings: list[Crossing], as_of: str) -> dict[int, tuple[int, int]]:
    return {y.year: (y.calendar_days, y.full_days) for y in year_counts(crossings, D.fromisoformat(as_of))}


CASES = [
    # DOMAIN case 1: entered 2021-03-01 10:00, left 2021-03-05 18:00 -> full 3 (Mar 2-4), calendar 5.
    ("case 1", [c("2021-03-01", IN, "10:00"), c("2021-03-05", OUT, "18:00")], "2021-12-31", {2021: (5, 3)}),
    # DOMAIN case 2: all of 2023 in China except an HK day trip on 06-10 -> full 364, calendar 365.
    ("case 2", [c("2022-12-01", IN), c("2023-06-10", OUT, "08:00"), c("2023-06-10", IN, "20:00")],
     "2023-12-31", {2022: (31, 30), 2023: (365, 364)}),
    # DOMAIN case 3: HK overnight trip out 06-10, back 06-11 -> full 363, calendar 365.
    ("case 3", [c("2022-12-01", IN), c("2023-06-10", OUT), c("2023-06-11", IN)],
     "2023-12-31", {2022: (31, 30), 2023: (365, 363)}),
    # Unknown start: the first crossing is an exit, so the person was in China before it.
    ("exit first", [c("2023-03-01", OUT)], "2023-12-31", {2023: (60, 59)}),
    # Entry first: absent before it; after it present to the end of the as-of date (which is a full day).
    ("entry first, open", [c("2024-12-30", IN)], "2025-01-02", {2024: (2, 1), 2025: (2, 2)}),
    # Year boundary: a stay across New Year splits between the years.
    ("new year", [c("2023-12-31", IN), c("2024-01-01", OUT)], "2024-12-31", {2023: (1, 0), 2024: (1, 0)}),
    ("new year long", [c("2023-12-30", IN), c("2024-01-02", OUT)], "2024-06-30", {2023: (2, 1), 2024: (2, 1)}),
    # Leap year: 2024 has 366 days.
    ("leap year", [c("2023-06-01", IN)], "2024-12-31", {2023: (214, 213), 2024: (366, 366)}),
    ("leap day exit", [c("2024-01-01", IN), c("2024-02-29", OUT)], "2024-12-31", {2024: (60, 58)}),
    # In-China day trip: entry and exit on the same date is a calendar day, not a full day.
    ("same-day visit", [c("2024-05-05", IN, "09:00"), c("2024-05-05", OUT, "21:00")], "2024-12-31",
     {2024: (1, 0)}),
    # Dates after as-of never count; a later exit does not change days up to as-of.
    ("as-of cut", [c("2025-01-01", IN), c("2025-03-01", OUT)], "2025-01-31", {2025: (31, 30)}),
    # Empty years between crossings are listed with zeros.
    ("gap years", [c("2020-12-31", OUT), c("2022-01-01", IN)], "2022-01-01",
     {2020: (366, 365), 2021: (0, 0), 2022: (1, 0)}),
]


@pytest.mark.parametrize("name,crossings,as_of,expected", CASES, ids=[x[0] for x in CASES])
def test_worked_cases(name: str, crossings: list[Crossing], as_of: str, expected: dict[int, tuple[int, int]]):
    assert counts(crossings, as_of) == expected


def test_unsorted_input_is_sorted_by_date_then_time():
    ordered = [c("2023-06-10", OUT, "08:00"), c("2023-06-10", IN, "20:00")]
    assert sort_crossings(list(reversed(ordered))) == ordered


def test_same_date_without_times_keeps_input_order():
    rows = [c("2023-06-10", IN), c("2023-06-10", OUT, "08:00")]
    assert sort_crossings(rows) == rows


def test_no_crossings_gives_no_years():
    assert year_counts([], D(2025, 1, 1)) == []


def test_first_crossing_after_as_of():
    assert counts([c("2026-01-05", IN)], "2025-12-31") == {}
    assert counts([c("2025-06-01", OUT), c("2026-01-05", IN)], "2025-12-31") == {2025: (152, 151)}


# --- property test -------------------------------------------------------------------------------------------

@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Crossing], dt.date]:
    """Valid alternating histories, some with same-date pairs, given in shuffled order."""
    start = draw(st.dates(D(2015, 1, 1), D(2024, 12, 31)))
    direction = draw(st.sampled_from([IN, OUT]))
    n = draw(st.integers(0, 40))
    gaps = draw(st.lists(st.integers(0, 120), min_size=n, max_size=n))
    crossings, day, same_day = [], start, 0
    for gap in gaps:
        day += dt.timedelta(days=gap)
        same_day = same_day + 1 if gap == 0 else 0  # strictly increasing times within one date
        crossings.append(Crossing(date=day, direction=direction, time=dt.time(6 + same_day // 60, same_day % 60)))
        direction = direction.opposite
    as_of = day + dt.timedelta(days=draw(st.integers(-200, 400)))
    shuffled = draw(st.permutations(crossings))
    return list(shuffled), as_of


@settings(max_examples=150, deadline=None)
@given(histories())
def test_year_counts_match_day_by_day_reference(history: tuple[list[Crossing], dt.date]):
    crossings, as_of = history
    got = {y.year: (y.calendar_days, y.full_days) for y in year_counts(crossings, as_of)}
    assert got == reference_counts(crossings, as_of)


# --- rolling windows -----------------------------------------------------------------------------------------

def test_rolling_windows_shift_29_february_to_28():
    assert rolling_windows(D(2024, 2, 29), 2) == [(D(2023, 3, 1), D(2024, 2, 29)), (D(2022, 3, 1), D(2023, 2, 28))]
    assert rolling_windows(D(2025, 6, 30), 1) == [(D(2024, 7, 1), D(2025, 6, 30))]


@settings(max_examples=80, deadline=None)
@given(histories(), st.integers(1, 5))
def test_window_counts_match_reference(history: tuple[list[Crossing], dt.date], n: int):
    crossings, end = history
    for w in window_counts(crossings, end, n):
        states = day_states(crossings, w.start, w.end) if crossings else {}
        assert w.calendar_days == sum(a for a, _ in states.values())
        assert w.full_days == sum(f for _, f in states.values())
