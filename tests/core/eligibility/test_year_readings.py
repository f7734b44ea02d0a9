"""Open question 1: every presence criterion under both year readings (rolling years, calendar years).

The verdict is borderline exactly when the readings disagree; the setting chooses which leads and never hides the
other. Table-driven from the issue's two histories, plus a property test over random histories.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings

from core.eligibility.engine import KINDS, Evaluator
from core.eligibility.facts import ApplicantFacts, PrStatus
from core.eligibility.results import Verdict, all_of, criterion_verdict, merge_readings
from tests.core.eligibility.helpers import D, book_with, flat_wages, rows, run, settings, shipped_book, stays, worker
from tests.core.strategies import histories

MET, NOT_MET, BORDERLINE, UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.BORDERLINE, Verdict.UNKNOWN
TESTCITY = book_with(flat_wages())
FILING = D("2025-07-01")
# Every rolling year ending 2025-07-01 passes, but calendar 2023 holds 153 days (out 2023-06-01, back 2023-12-31).
GAP_2023 = stays(("2014-12-01", "2023-06-01"), ("2023-12-31", None))


@pytest.mark.parametrize("a,b,merged", [
    (MET, MET, MET), (NOT_MET, NOT_MET, NOT_MET), (BORDERLINE, BORDERLINE, BORDERLINE),
    (MET, NOT_MET, BORDERLINE), (NOT_MET, MET, BORDERLINE), (MET, BORDERLINE, BORDERLINE),
    (BORDERLINE, NOT_MET, BORDERLINE), (UNKNOWN, MET, UNKNOWN),
])
def test_merge_readings(a: Verdict, b: Verdict, merged: Verdict):
    assert merge_readings([a, b]) is merged


@pytest.mark.parametrize("lead", ["rolling", "calendar"])
def test_rolling_years_pass_but_one_calendar_year_has_153_days(lead: str):
    result = run("pr-salary-tax", worker(crossings=GAP_2023), FILING, TESTCITY, elig_year_reading=lead)
    assert result.verdict is BORDERLINE
    rolling, calendar = rows(result, "presence_6_months", "rolling"), rows(result, "presence_6_months", "calendar")
    assert [r.verdict for r in rolling] == [MET] * 4
    assert [r.id for r in calendar] == [f"presence_6_months[{y}]" for y in (2021, 2022, 2023, 2024)]
    assert [r.verdict for r in calendar] == [MET, MET, NOT_MET, MET]
    assert calendar[2].value == {"calendar_days": 153, "full_days": 151}
    presence = [c for c in result.criteria if c.group == "presence_6_months"]
    assert presence[0].reading == lead  # the leading reading comes first and says so
    assert "leading reading (the setting “PR routes: which year reading leads" in presence[0].convention
    assert "Year readings differ" in presence[0].note
    (summary,) = result.year_readings()
    assert (summary["criterion"], summary["lead"], summary["verdict"], summary["differ"]) == (
        "presence_6_months", lead, "borderline", True)
    assert summary["readings"]["rolling"]["verdict"] == "met"
    assert summary["readings"]["calendar"]["verdict"] == "not_met"
    assert summary["readings"]["calendar"]["windows"][2]["value"] == {"calendar_days": 153, "full_days": 151}


def test_readings_that_agree_leave_the_verdict_alone():
    result = run("pr-salary-tax", worker(), FILING, TESTCITY)
    assert result.verdict is MET
    (summary,) = result.year_readings()
    assert summary["differ"] is False and summary["verdict"] == "met"
    assert all("Year readings differ" not in c.note for c in result.criteria)


def holder(crossings: tuple, approval: bool | None = None) -> ApplicantFacts:
    return ApplicantFacts(id="pr", crossings=crossings, pr=PrStatus(D("2015-05-01"), approval))


@pytest.mark.parametrize("lead", ["calendar", "rolling"])
def test_keeping_pr_winter_stay_is_borderline_not_not_met(lead: str):
    # In China 2025-11-14 – 2026-02-14: calendar 2025 holds 48 days, the rolling year to 2026-02-16 holds 93.
    result = run("pr-retention", holder(stays(("2025-11-14", "2026-02-14"))), "2026-02-16",
                 elig_retention_year_mode=lead)
    rolling = rows(result, "three_months_last_year", "rolling")
    calendar = rows(result, "three_months_last_year", "calendar")
    assert rolling[0].value == {"calendar_days": 93, "full_days": 91}
    assert calendar[0].value == {"calendar_days": 48, "full_days": 47} and calendar[0].verdict is NOT_MET
    assert rolling[0].verdict is not NOT_MET
    group = [c for c in result.criteria if c.group == "three_months_last_year"]
    assert group[0].reading == lead
    assert criterion_verdict(group) is BORDERLINE
    assert result.verdict is not NOT_MET


@pytest.mark.parametrize("route,criterion", [
    ("pr-position", "presence_3_of_4"), ("pr-spouse", "presence_9_months"), ("pr-retention", "one_year_in_five"),
    ("pr-retention", "three_months_last_year"), ("pr-salary-tax", "presence_6_months"),
])
def test_every_presence_criterion_has_both_readings(route: str, criterion: str):
    book = shipped_book()
    facts = holder(GAP_2023)
    evaluator = Evaluator.direct(facts, book, settings())
    groups = dict((c.id, r) for c, r in evaluator.groups(book.routes.get(route), FILING))
    assert {r.reading for r in groups[criterion]} == {"rolling", "calendar"}


PRESENCE = [("pr-salary-tax", "presence_6_months"), ("pr-position", "presence_3_of_4"),
            ("pr-retention", "three_months_last_year"), ("pr-retention", "one_year_in_five")]


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(max_crossings=60, max_gap=200))
def test_borderline_exactly_when_the_year_readings_disagree(history: tuple[list, dt.date]):
    crossings, as_of = history
    book, s = shipped_book(), settings()
    evaluator = Evaluator.direct(holder(tuple(crossings)), book, s)
    for route_id, criterion in PRESENCE:
        c = next(c for c in book.routes.get(route_id).criteria if c.id == criterion)
        found = KINDS[c.kind].check(evaluator.context(as_of), c)
        by_rolling = all_of(r.verdict for r in found if r.reading == "rolling")
        by_calendar = all_of(r.verdict for r in found if r.reading == "calendar")
        merged = criterion_verdict(found)
        assert merged is (by_rolling if by_rolling is by_calendar else BORDERLINE)
        if BORDERLINE not in (by_rolling, by_calendar):
            assert (merged is BORDERLINE) == (by_rolling is not by_calendar)
