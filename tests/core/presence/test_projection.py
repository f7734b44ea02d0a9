"""What-if projections: the condition syntax, DOMAIN cases 17/18/22, and a brute-force day-by-day search."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import InputError
from core.presence.config import PresenceConfig
from core.presence.days import day_table, shift_years
from core.presence.projection import (
    CALENDAR_YEARS,
    FORMS,
    ROLLING,
    ROLLING_SUM,
    YEAR_TO_DATE,
    Clause,
    Condition,
    Term,
    holds_on,
    parse_condition,
    project,
)
from core.records.identity import Crossing, Direction
from core.ruledata.loader import Settings, load_setting_defs
from tests.core.reference import day_states
from tests.core.strategies import histories

D = dt.date.fromisoformat
IN, OUT = Direction.ENTRY, Direction.EXIT
UNITS = PresenceConfig.from_settings(Settings(load_setting_defs())).units


def parse(text: str) -> Condition:
    return parse_condition(text, UNITS)


def stays_of(*periods: tuple[str, int]) -> list[Crossing]:
    """One stay per (entry date, calendar days) pair."""
    result = []
    for entry, days in periods:
        result += [Crossing(D(entry), IN), Crossing(D(entry) + dt.timedelta(days=days - 1), OUT)]
    return result


def test_parse_all_forms_and_units():
    assert parse("rolling:4:calendar>=183,full>=6m").clauses == (
        Clause(ROLLING, 4, (Term("calendar", 183), Term("full", 183))),)
    assert parse(" rolling-sum : 4 : calendar >= 3y ").clauses == (Clause(ROLLING_SUM, 4, (Term("calendar", 1096),)),)
    assert parse("calendar-years:2:full>=9m;year-to-date:calendar>=3m").clauses == (
        Clause(CALENDAR_YEARS, 2, (Term("full", 274),)), Clause(YEAR_TO_DATE, 0, (Term("calendar", 92),)))
    lenient = dict(UNITS, **{"3m": 90})
    assert parse_condition("year-to-date:calendar>=3m", lenient).clauses[0].terms == (Term("calendar", 90),)


@pytest.mark.parametrize("text,part", [
    ("", "empty condition"),
    ("rolled:4:calendar>=183", "'rolled'"),
    ("rolling:four:calendar>=183", "'four'"),
    ("rolling:0:calendar>=183", "'0'"),
    ("rolling:4", "'rolling:4'"),
    ("rolling:4:", "at least one term"),
    ("rolling:4:calender>=183", "'calender'"),
    ("rolling:4:calendar>183", "'calendar>183'"),
    ("rolling:4:calendar>=6 months", "'6 months'"),
    ("rolling:4:calendar>=5m", "'5m'"),
    ("rolling:4:calendar>=183;", "unknown form"),
    ("year-to-date:4:calendar>=92", "'year-to-date:4:calendar>=92'"),
])
def test_parse_errors_name_the_bad_part(text: str, part: str):
    with pytest.raises(InputError) as err:
        parse(text)
    (problem,) = err.value.problems
    assert problem.field == "condition" and part in problem.message


def window_history(days: list[int], end: str = "2025-06-30") -> list[Crossing]:
    """A history whose rolling window k (ending `end`) holds days[k-1] calendar days, in one stay each."""
    result = []
    for k, n in enumerate(days, start=1):
        first = D(end).replace(year=D(end).year - k) + dt.timedelta(days=1)
        result += [Crossing(first, IN), Crossing(first + dt.timedelta(days=n - 1), OUT)]
    return result


@pytest.mark.parametrize("days,holds", [([200, 190, 183, 175], False), ([200, 190, 183, 184], True)])
def test_case_17_salary_route_four_rolling_years(days: list[int], holds: bool):
    crossings = window_history(days)
    table = day_table(crossings, D("2021-01-01"), D("2025-06-30"))
    assert holds_on(parse("rolling:4:calendar>=6m"), table, D("2025-06-30")) is holds


@pytest.mark.parametrize("days,holds", [([300, 250, 280, 270], True), ([300, 250, 280, 260], False)])
def test_case_18_position_holder_three_years_within_four(days: list[int], holds: bool):
    table = day_table(window_history(days), D("2021-01-01"), D("2025-06-30"))
    assert holds_on(parse("rolling-sum:4:calendar>=3y"), table, D("2025-06-30")) is holds


def test_case_22_pr_holder_85_days_in_2025_and_700_over_five_years():
    crossings = stays_of(("2021-03-01", 200), ("2022-03-01", 150), ("2023-03-01", 150), ("2024-03-01", 115),
                         ("2025-03-01", 85))
    table = day_table(crossings, D("2020-01-01"), D("2026-12-31"))
    assert table.counts(D("2021-01-01"), D("2025-12-31"))[0] == 700
    assert not holds_on(parse("calendar-years:1:calendar>=3m"), table, D("2026-01-01"))
    assert not holds_on(parse("year-to-date:calendar>=90"), table, D("2025-12-31"))  # lenient reading fails too
    assert holds_on(parse("rolling-sum:5:calendar>=1y"), table, D("2025-12-31"))


def test_projection_with_planned_return_and_staying_put():
    recorded = [Crossing(D("2020-01-01"), IN), Crossing(D("2025-01-10"), OUT)]
    planned = [Crossing(D("2027-01-01"), IN, planned=True)]
    result = project(recorded + planned, parse("rolling:1:calendar>=183,full>=183"), D("2026-11-22"))
    # Back on 2027-01-01 (a calendar day, not a full day): 183 full days are reached on 2027-07-03.
    assert result.first_date == D("2027-07-03")
    assert result.reason.startswith("first holds on 2027-07-03") and "full 183 (≥183)" in result.reason
    assert project(recorded, parse("rolling:1:calendar>=1"), D("2026-11-22")).first_date is None


def test_projection_already_holds_and_not_within_the_limit():
    history = [Crossing(D("2020-01-01"), IN)]
    done = project(history, parse("rolling:4:calendar>=6m,full>=6m"), D("2026-11-22"))
    assert done.first_date == D("2026-11-22") and done.reason.startswith("already holds")
    never = project(history + [Crossing(D("2026-12-01"), OUT, planned=True)], parse("rolling:1:full>=3m"),
                    D("2028-01-01"), max_years=3)
    assert never.first_date is None
    assert "not within 3 years of 2028-01-01" in never.reason and "stay outside mainland China" in never.reason
    assert never.as_json() == {"condition": "rolling:1:full>=3m", "first_date": None, "reason": never.reason}


def test_projection_across_29_february():
    history = [Crossing(D("2023-03-01"), IN)]  # in China from 2023-03-01; window ending 2024-02-29 starts there
    result = project(history, parse("rolling:1:calendar>=366"), D("2024-01-01"))
    assert result.first_date == D("2024-02-29")


# --- brute force -------------------------------------------------------------------------------------------------

@st.composite
def conditions(draw: st.DrawFn) -> Condition:
    form = draw(st.sampled_from(FORMS))
    years = 0 if form == YEAR_TO_DATE else draw(st.integers(1, 3))
    top = 366 * years if form == ROLLING_SUM else 366
    terms = tuple(Term(count, draw(st.integers(0, top) | st.integers(top // 4, top // 2)))
                  for count in draw(st.lists(st.sampled_from(["calendar", "full"]), min_size=1, max_size=2)))
    return Condition("generated", (Clause(form, years, terms),))


def brute_force(crossings: list[Crossing], condition: Condition, start: dt.date, end: dt.date) -> dt.date | None:
    """Day by day: every candidate date, every period summed date by date from the reference's day states."""
    lo = condition.earliest_needed(start)
    states = day_states(crossings, lo, end) if crossings else {}
    calendar = [int(states.get(lo + dt.timedelta(days=i), (False, False))[0]) for i in range((end - lo).days + 1)]
    full = [int(states.get(lo + dt.timedelta(days=i), (False, False))[1]) for i in range((end - lo).days + 1)]
    day = start
    while day <= end:
        ok = True
        for clause in condition.clauses:
            for s, e in clause.periods(day):
                a, b = (s - lo).days, (e - lo).days + 1
                counts = (sum(calendar[a:b]), sum(full[a:b]))
                ok = ok and all(t.holds(counts) for t in clause.terms)
        if ok:
            return day
        day += dt.timedelta(days=1)
    return None


@settings(max_examples=60, deadline=None)
@given(histories(max_crossings=60, max_gap=60), conditions(), st.integers(-100, 300))
def test_projection_matches_brute_force(history: tuple[list[Crossing], dt.date], condition: Condition, lag: int):
    crossings, as_of = history
    start = as_of - dt.timedelta(days=lag)
    got = project(crossings, condition, start, max_years=1)
    assert got.first_date == brute_force(crossings, condition, start, shift_years(start, 1))
