"""Earliest dates: the engine's skip-ahead search equals a day-by-day brute force over core.presence.days counts."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.eligibility.book import RuleBook
from core.eligibility.engine import Evaluator, earliest, evaluate, evaluate_route
from core.eligibility.facts import (
    ApplicantFacts,
    EmployerType,
    Employment,
    FamilyLink,
    IncomeYear,
    Investment,
    MaritalStatus,
    Marriage,
    PersonStatus,
    PositionLevel,
    Region,
    Relation,
)
from core.eligibility.results import Verdict
from core.records.identity import Crossing, Direction
from core.ruledata.loader import Settings
from tests.core.eligibility.helpers import D, book_with, flat_wages, shipped_book, stays, worker
from tests.core.eligibility.helpers import settings as make_settings

TESTCITY = book_with(flat_wages())
DEFAULT = make_settings()


def brute_force(route_id: str, facts: ApplicantFacts, as_of: dt.date, last: dt.date, book: RuleBook,
                s: Settings = DEFAULT) -> tuple[dt.date | None, Verdict | None]:
    """Every date in turn, each verdict from core.presence.days.window_counts (the reference path)."""
    route, ev = book.routes.get(route_id), Evaluator.direct(facts, book, s)
    first_borderline = None
    day = as_of
    while day <= last:
        verdict = evaluate_route(route, facts, day, book, s, ev).verdict
        if verdict is Verdict.MET:
            return day, Verdict.MET
        if verdict is Verdict.BORDERLINE and first_borderline is None:
            first_borderline = day
        day += dt.timedelta(days=1)
    return (first_borderline, Verdict.BORDERLINE) if first_borderline else (None, None)


def both(route_id: str, facts: ApplicantFacts, as_of: str, days: int, book: RuleBook = TESTCITY,
         s: Settings = DEFAULT) -> tuple[dt.date | None, Verdict | None]:
    start = D(as_of)
    last = start + dt.timedelta(days=days)
    found = earliest(book.routes.get(route_id), facts, start, book, s, until=last)
    assert found == brute_force(route_id, facts, start, last, book, s)
    return found


def test_years_of_work_drive_the_salary_route():
    facts = worker(employment=(Employment(D("2021-07-02"), None),))
    assert both("pr-salary-tax", facts, "2025-05-01", 90) == (D("2025-07-01"), Verdict.MET)


def test_absences_roll_out_of_the_window_and_planned_trips_count():
    crossings = stays(("2014-12-01", "2024-10-01"), ("2025-05-01", "2025-07-01"), ("2025-08-15", None),
                      planned_from="2025-07-01")
    found = both("pr-salary-tax", worker(crossings=crossings), "2025-06-01", 330)
    without_trip = both("pr-salary-tax", worker(crossings=stays(("2014-12-01", "2024-10-01"),
                                                                ("2025-05-01", None))), "2025-06-01", 330)
    assert found[0] is not None and without_trip[0] is not None and found[0] > without_trip[0]


def test_marriage_anniversary():
    facts = ApplicantFacts(marriage=Marriage(D("2020-03-10"), PersonStatus.PR_HOLDER),
                           marital_status=MaritalStatus.MARRIED, crossings=stays(("2018-01-01", None)),
                           livelihood_and_home=True)
    assert both("pr-spouse", facts, "2025-01-01", 80) == (D("2025-03-10"), Verdict.MET)


def test_sixtieth_birthday():
    facts = ApplicantFacts(birth_date=D("1965-07-15"), crossings=stays(("2015-01-01", None)),
                           no_relatives_abroad=True, livelihood_and_home=True,
                           family=FamilyLink(Relation.PARENT, principal_status=PersonStatus.CHINESE_CITIZEN))
    assert both("pr-elderly", facts, "2025-06-15", 40) == (D("2025-07-15"), Verdict.MET)


def test_three_years_within_four():
    # In China from 2019-07-01: 1,067 calendar days in the 4 years ending 2022-06-01, and one more each day.
    facts = worker(crossings=stays(("2019-07-01", None)), employment=(
        Employment(D("2018-01-01"), None, PositionLevel.DEPUTY_GM_OR_ABOVE, EmployerType.KEY_UNIVERSITY),))
    # Rolling years: 2022-06-29 1,095 calendar days (lenient); 2022-07-01 1,096 full days (met under both counts).
    # Calendar years 2018-2021 hold only 915 days, so the criterion stays borderline until the calendar years
    # 2019-2022 (1,280 days) count on 2023-01-01: met needs both year readings (open question 1).
    assert both("pr-position", facts, "2022-06-01", 240, book=shipped_book()) == (D("2023-01-01"), Verdict.MET)
    assert both("pr-position", facts, "2022-06-01", 60, book=shipped_book()) == (D("2022-06-29"), Verdict.BORDERLINE)
    never_met = DEFAULT.with_value("elig_days_3_years", 2000)
    assert both("pr-position", facts, "2022-06-01", 60, book=shipped_book(), s=never_met) == (
        D("2022-06-29"), Verdict.BORDERLINE)


def test_investment_stable_three_years():
    facts = ApplicantFacts(investments=(Investment(Decimal(600000), Region.EASTERN, True, D("2022-01-01")),),
                           good_tax_record=True)
    assert both("pr-investor", facts, "2024-06-01", 240, book=shipped_book()) == (D("2024-12-31"), Verdict.MET)


def child_of(principal: ApplicantFacts, birth: str) -> ApplicantFacts:
    return ApplicantFacts(birth_date=D(birth), marital_status=MaritalStatus.UNMARRIED,
                          family=FamilyLink(Relation.CHILD, "pr-salary-tax", principal=principal))


def test_dependant_child_follows_the_principal():
    principal = worker(employment=(Employment(D("2021-07-02"), None),))
    assert both("pr-dependant", child_of(principal, "2012-01-01"), "2025-05-01", 90) == (D("2025-07-01"),
                                                                                         Verdict.MET)


def test_dependant_child_who_turns_18_first_never_qualifies():
    principal = worker(employment=(Employment(D("2021-07-02"), None),))
    assert both("pr-dependant", child_of(principal, "2007-06-01"), "2025-05-01", 90) == (None, None)


def test_route_that_only_becomes_borderline():
    facts = worker(employment=(Employment(D("2021-07-02"), None),),
                   income=tuple(IncomeYear(y, Decimal(700000), Decimal(125000)) for y in range(2012, 2035)))
    # IIT 125,000 passes 20% of the threshold (120,000) but not 20% of the wage (140,000): borderline for good.
    assert both("pr-salary-tax", facts, "2025-05-01", 90) == (D("2025-07-01"), Verdict.BORDERLINE)


def test_evaluate_reports_earliest_date_and_met_today():
    facts = worker(employment=(Employment(D("2021-07-02"), None),))
    (result,) = evaluate(facts, D("2025-05-01"), TESTCITY, DEFAULT, ["pr-salary-tax"])
    assert (result.verdict, result.earliest_date, result.earliest_verdict) == (Verdict.NOT_MET, D("2025-07-01"),
                                                                               Verdict.MET)
    (today,) = evaluate(facts, D("2025-08-01"), TESTCITY, DEFAULT, ["pr-salary-tax"])
    assert (today.verdict, today.earliest_date) == (Verdict.MET, D("2025-08-01"))
    assert today.to_json()["earliest_date"] == "2025-08-01"


def test_flags_that_fail_have_no_earliest_date():
    (result,) = evaluate(worker(chinese_origin=False), D("2025-05-01"), TESTCITY, DEFAULT, ["pr-chinese-origin-phd"])
    assert (result.verdict, result.earliest_date) == (Verdict.NOT_MET, None)


@st.composite
def trips_around(draw: st.DrawFn, as_of: dt.date) -> tuple[Crossing, ...]:
    """In China since 2018 with trips abroad in the years around `as_of` (planned after it); now and then a
    missing record (two exits in a row), where the projection must count as core.presence.days does."""
    out = [Crossing(D("2018-01-01"), Direction.ENTRY)]
    day = as_of - dt.timedelta(days=draw(st.integers(200, 1000)))
    for _ in range(draw(st.integers(1, 3))):
        back = day + dt.timedelta(days=draw(st.integers(0, 150)))
        out.append(Crossing(day, Direction.EXIT, planned=day > as_of))
        if draw(st.integers(0, 12)):
            out.append(Crossing(back, Direction.ENTRY, planned=back > as_of))
        day = back + dt.timedelta(days=draw(st.integers(1, 300)))
    return tuple(out)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[ApplicantFacts, str, str]:
    as_of = D("2024-01-01") + dt.timedelta(days=draw(st.integers(0, 700)))
    facts = worker(crossings=draw(trips_around(as_of)), marital_status=MaritalStatus.MARRIED,
                   marriage=Marriage(D("2019-09-01"), PersonStatus.CHINESE_CITIZEN), livelihood_and_home=True)
    return facts, as_of.isoformat(), draw(st.sampled_from(["pr-salary-tax", "pr-spouse"]))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_random_trips_match_brute_force(scenario: tuple[ApplicantFacts, str, str]):
    facts, as_of, route = scenario
    both(route, facts, as_of, 300)


def test_settings_change_the_projection():
    facts = worker(crossings=stays(("2014-12-01", "2024-10-01"), ("2025-05-01", None)))
    strict = both("pr-salary-tax", facts, "2025-06-01", 200)
    lenient = both("pr-salary-tax", facts, "2025-06-01", 200,
                   s=DEFAULT.with_value("elig_days_6_months", 150))
    assert strict[0] is not None and lenient[0] is not None and lenient[0] < strict[0]


def test_a_window_gains_29_february_faster_than_the_filing_date_moves():
    # A missing record (two exits in a row) leaves 2023 short; from 2025-01-01 to 2025-03-20 (78 days) the window
    # ending a year earlier gains 79 days (2024 is a leap year): the first borderline date is 2025-03-20.
    crossings = (Crossing(D("2018-01-01"), Direction.ENTRY), Crossing(D("2023-01-01"), Direction.EXIT),
                 Crossing(D("2023-06-22"), Direction.EXIT), Crossing(D("2023-06-22"), Direction.ENTRY))
    facts = worker(crossings=crossings, marital_status=MaritalStatus.MARRIED,
                   marriage=Marriage(D("2019-09-01"), PersonStatus.CHINESE_CITIZEN), livelihood_and_home=True)
    assert both("pr-spouse", facts, "2024-08-18", 300) == (D("2025-03-20"), Verdict.BORDERLINE)
