"""DayTable and the report's per-year and rolling counts against the day-by-day reference."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.presence.config import PresenceConfig
from core.presence.days import DayTable, day_table, rolling_windows, window_counts
from core.presence.report import presence_report, rolling_counts
from core.records.identity import Crossing, Direction
from core.ruledata.loader import Settings, load_setting_defs
from tests.core.reference import reference_counts, reference_period
from tests.core.strategies import histories

D = dt.date.fromisoformat
IN, OUT = Direction.ENTRY, Direction.EXIT
CONFIG = PresenceConfig.from_settings(Settings(load_setting_defs()))


def c(day: str, direction: Direction, time: str | None = None) -> Crossing:
    return Crossing(D(day), direction, dt.time.fromisoformat(time) if time else None)


def test_same_date_exit_and_reentry_is_one_calendar_day():
    table = day_table([c("2023-01-01", IN), c("2023-06-10", OUT, "08:00"), c("2023-06-10", IN, "20:00")],
                      D("2023-01-01"), D("2023-12-31"))
    assert table.counts(D("2023-06-10"), D("2023-06-10")) == (1, 0)
    assert table.counts(D("2023-01-01"), D("2023-12-31")) == (365, 363)


def test_periods_outside_the_table_are_refused():
    table = DayTable([], D("2023-01-01"), D("2023-12-31"))
    assert table.counts(D("2023-05-01"), D("2023-04-01")) == (0, 0)
    with pytest.raises(ValueError, match="outside the table"):
        table.counts(D("2022-12-31"), D("2023-01-05"))
    with pytest.raises(ValueError, match="empty range"):
        DayTable([], D("2023-01-02"), D("2023-01-01"))


@pytest.mark.parametrize("end,expected", [
    # Windows ending on 29 February: the shifted end becomes 28 February.
    ("2024-02-29", [("2023-03-01", "2024-02-29"), ("2022-03-01", "2023-02-28"), ("2021-03-01", "2022-02-28")]),
    # Ending on 28 February after a leap year: window 1 starts on 29 February and holds 366 days.
    ("2025-02-28", [("2024-02-29", "2025-02-28"), ("2023-03-01", "2024-02-28")]),
    ("2024-12-31", [("2024-01-01", "2024-12-31")]),
])
def test_rolling_window_bounds(end: str, expected: list[tuple[str, str]]):
    assert [(s.isoformat(), e.isoformat()) for s, e in rolling_windows(D(end), len(expected))] == expected


def test_window_ending_29_february_counts_366_days_in_a_leap_year():
    (w,) = rolling_counts([c("2020-01-01", IN)], D("2024-02-29"), 1, D("2024-02-29"))
    assert (w.start, w.end, w.calendar_days, w.full_days) == (D("2023-03-01"), D("2024-02-29"), 366, 366)


@settings(max_examples=60, deadline=None)
@given(histories(), st.integers(1, 6), st.integers(-800, 200))
def test_rolling_counts_match_reference_and_window_counts(history: tuple[list[Crossing], dt.date], n: int,
                                                         shift: int):
    crossings, as_of = history
    end = as_of + dt.timedelta(days=shift)
    got = rolling_counts(sorted(crossings, key=lambda x: (x.date, x.time)), end, n, as_of)
    assert got == window_counts(crossings, end, n, as_of)
    for w in got:
        assert (w.calendar_days, w.full_days) == reference_period(crossings, w.start, w.end, as_of)


@settings(max_examples=50, deadline=None)
@given(histories())
def test_report_years_match_reference(history: tuple[list[Crossing], dt.date]):
    crossings, as_of = history
    report = presence_report(crossings, as_of, CONFIG)
    assert {y.year: (y.calendar_days, y.full_days) for y in report.years} == reference_counts(crossings, as_of)
