"""Hypothesis strategies shared by the presence property tests: valid alternating histories in any order."""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from core.records.identity import Crossing, Direction

D = dt.date


@st.composite
def histories(draw: st.DrawFn, max_crossings: int = 300, max_gap: int = 90) -> tuple[list[Crossing], dt.date]:
    """Alternating crossings (same-date round trips included, times always set) shuffled, and an as-of date."""
    start = draw(st.dates(D(2012, 1, 1), D(2024, 12, 31)))
    direction = draw(st.sampled_from(list(Direction)))
    n = draw(st.integers(0, max_crossings))
    gaps = draw(st.lists(st.integers(0, max_gap), min_size=n, max_size=n))
    crossings, day, same_day = [], start, 0
    for gap in gaps:
        day += dt.timedelta(days=gap)
        same_day = same_day + 1 if gap == 0 else 0
        crossings.append(Crossing(date=day, direction=direction, time=dt.time(6 + same_day // 60, same_day % 60)))
        direction = direction.opposite
    as_of = day + dt.timedelta(days=draw(st.integers(-400, 400)))
    return list(draw(st.permutations(crossings))), as_of
