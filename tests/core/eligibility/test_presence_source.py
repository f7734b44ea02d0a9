"""The day index used for projections answers exactly what core.presence.days.window_counts answers."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from core.eligibility.inputs.presence_source import DirectPresence, PresenceIndex
from core.presence.days import count_between, sort_crossings, stays, window_counts
from core.records.identity import Crossing, Direction

FIRST, LAST = dt.date(2014, 1, 1), dt.date(2031, 12, 31)


@st.composite
def crossings(draw: st.DrawFn) -> list[Crossing]:
    """Alternating crossings (a missing record makes core.presence.days depend on the as-of date; the engine then
    counts with core.presence.days directly, see test_earliest)."""
    days = sorted(draw(st.lists(st.integers(0, 3000), min_size=0, max_size=14)))
    direction = draw(st.sampled_from(list(Direction)))
    out = []
    for offset in days:
        # Same-date crossings (a day trip) stay untimed, so sorting keeps them in input order.
        time = None if days.count(offset) > 1 else draw(st.none() | st.times())
        out.append(Crossing(dt.date(2018, 1, 1) + dt.timedelta(days=offset), direction, time,
                            planned=draw(st.booleans())))
        direction = direction.opposite
    return out


@settings(max_examples=150, deadline=None)
@given(crossings(), st.integers(0, 4000), st.integers(1, 5))
def test_index_windows_equal_window_counts(cs: list[Crossing], end_offset: int, n: int):
    end = dt.date(2020, 1, 1) + dt.timedelta(days=end_offset)
    index = PresenceIndex(cs, FIRST, LAST)
    assert index.windows(end, n) == window_counts(cs, end, n)
    assert DirectPresence(cs).windows(end, n) == window_counts(cs, end, n)


@settings(max_examples=100, deadline=None)
@given(crossings(), st.integers(0, 4000), st.integers(0, 800))
def test_index_spans_equal_count_between(cs: list[Crossing], end_offset: int, length: int):
    end = dt.date(2021, 1, 1) + dt.timedelta(days=end_offset)
    start = end - dt.timedelta(days=length)
    expected = count_between(stays(sort_crossings(cs), end), start, end)
    assert PresenceIndex(cs, FIRST, LAST).between(start, end) == expected
    assert DirectPresence(cs).between(start, end) == expected


def test_index_refuses_windows_outside_its_range():
    index = PresenceIndex([], dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    try:
        index.between(dt.date(2019, 12, 31), dt.date(2020, 1, 5))
    except ValueError as exc:
        assert "outside the index" in str(exc)
    else:
        raise AssertionError("expected ValueError")
