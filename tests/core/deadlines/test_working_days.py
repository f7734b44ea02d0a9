"""Working days (DOMAIN §8, cases 11–13): official calendar where known, Mon–Fri with a warning elsewhere."""
from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.deadlines.working_days import add_working_days, is_workday


@pytest.mark.parametrize("day,expected", [
    ("2025-09-28", (True, True)), ("2025-10-11", (True, True)), ("2025-10-08", (False, True)),  # DOMAIN samples
    ("2026-02-14", (True, True)), ("2026-02-16", (False, True)),
    ("2027-01-04", (True, False)), ("2027-01-09", (False, False)),  # no data: Mon–Fri
])
def test_is_workday(day, expected):
    assert is_workday(dt.date.fromisoformat(day)) == expected


def test_fallback_is_reported_with_the_years():
    result = add_working_days(dt.date(2026, 12, 21), 15)
    assert result.fallback_years == (2027,)
    assert "2027" in result.warning and "Monday to Friday" in result.warning
    assert add_working_days(dt.date(2025, 9, 22), 15).warning == ""


def test_n_must_be_positive():
    with pytest.raises(ValueError):
        add_working_days(dt.date(2025, 1, 1), 0)


@given(st.dates(dt.date(2004, 1, 1), dt.date(2026, 10, 31)), st.integers(1, 40), st.booleans())
def test_nth_working_day_against_the_library_count(start, n, count_start):
    due = add_working_days(start, n, count_start_day=count_start).due
    first = start if count_start else start + dt.timedelta(days=1)
    assert chinese_calendar.is_workday(due)
    assert len(chinese_calendar.get_workdays(first, due)) == n
