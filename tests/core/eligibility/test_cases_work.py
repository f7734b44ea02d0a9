"""Work routes against DOMAIN.md cases 15, 17 and 18, plus met / not met / borderline / unknown for each route."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from core.eligibility.facts import Degree, EmployerType, Employment, IncomeYear, PositionLevel
from core.eligibility.results import Verdict, criterion_verdict
from core.records.identity import Crossing, Direction
from tests.core.eligibility.helpers import (
    D,
    book_with,
    flat_wages,
    rows,
    run,
    shipped_book,
    stays,
    stays_with_counts,
    verdicts,
    worker,
)

MET, NOT_MET, BORDERLINE, UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.BORDERLINE, Verdict.UNKNOWN
TESTCITY = book_with(flat_wages())
END = D("2025-06-30")


# --- case 17: 6 months in each of 4 rolling years ---------------------------------------------------------------
def test_case_17_fourth_year_below_six_months_fails():
    result = run("pr-salary-tax", worker(crossings=stays_with_counts(END, [200, 190, 183, 175])), END, TESTCITY)
    assert result.verdict is NOT_MET
    assert verdicts(result, "presence_6_months") == [MET, MET, BORDERLINE, NOT_MET]
    fourth = rows(result, "presence_6_months")[3]
    assert fourth.value == {"calendar_days": 175, "full_days": 173} and fourth.threshold == 183
    assert fourth.id == "presence_6_months[2021-07-01/2022-06-30]"


def test_case_17_passing_years_warn_on_183():
    result = run("pr-salary-tax", worker(crossings=stays_with_counts(END, [200, 190, 183, 184])), END, TESTCITY)
    assert result.verdict is BORDERLINE
    third = rows(result, "presence_6_months")[2]
    assert third.verdict is BORDERLINE and third.value == {"calendar_days": 183, "full_days": 181}
    assert "passes on calendar-presence days (183) but not on full days (181 < 183)" in third.note
    assert "6 months a year, in days (strict): 183" in third.convention and "elig_days" not in third.convention


@pytest.mark.parametrize("days,verdict,reason", [
    (185, MET, ""), (184, BORDERLINE, "full days"), (182, BORDERLINE, "lenient conversion (182 days"),
    (181, NOT_MET, ""),
])
def test_open_question_1_month_conversion(days: int, verdict: Verdict, reason: str):
    result = run("pr-salary-tax", worker(crossings=stays_with_counts(END, [300, 300, 300, days])), END, TESTCITY)
    assert criterion_verdict(rows(result, "presence_6_months", "rolling")) is verdict
    assert reason in rows(result, "presence_6_months", "rolling")[3].note


# --- case 15 on the route: Beijing 194,651 as the average, readings of the 20% test --------------------------
def beijing(salary: str, iit: str):
    income = tuple(IncomeYear(y, Decimal(salary), Decimal(iit), "Beijing") for y in range(2018, 2022))
    return worker(income=income, city="Beijing")


@pytest.mark.parametrize("salary,iit,verdict,wage,tax", [
    ("1200000", "240000", MET, MET, MET),
    ("1100000", "240000", NOT_MET, NOT_MET, MET),
    ("1300000", "230000", NOT_MET, MET, NOT_MET),
    ("1300000", "250000", BORDERLINE, MET, BORDERLINE),
])
def test_case_15_on_the_salary_route(salary: str, iit: str, verdict: Verdict, wage: Verdict, tax: Verdict):
    result = run("pr-salary-tax", beijing(salary, iit), "2022-07-01", elig_wage_statistic="non_private")
    assert result.verdict is verdict
    assert set(verdicts(result, "wage_6x")) == {wage} and set(verdicts(result, "tax_20pct")) == {tax}
    row = rows(result, "tax_20pct")[0]
    assert (row.id, row.threshold, row.value) == ("tax_20pct[2018]", "233581.20", f"{Decimal(iit):.2f}")
    assert rows(result, "wage_6x")[0].threshold == "1167906.00"
    assert "Beijing 2021 non_private 194,651.00" in row.convention


def test_case_15_ambiguity_is_explained_under_either_setting():
    facts = beijing("1300000", "250000")
    default = rows(run("pr-salary-tax", facts, "2022-07-01", elig_wage_statistic="non_private"), "tax_20pct")[0]
    assert "needs 260,000.00 → fail" in default.note and default.threshold == "233581.20"
    other = rows(run("pr-salary-tax", facts, "2022-07-01", elig_wage_statistic="non_private",
                     elig_tax_share_reading="salary"), "tax_20pct")[0]
    assert other.verdict is BORDERLINE and other.threshold == "260000.00"
    assert "needs 233,581.20 → pass" in other.note


def test_open_question_4_substitute_statistic_is_borderline():
    result = run("pr-salary-tax", beijing("1200000", "240000"), "2022-07-01")  # default: on_post, missing
    assert result.verdict is BORDERLINE
    assert "non_private figure used because the chosen statistic is missing" in rows(result, "wage_6x")[0].note
    strict = run("pr-salary-tax", beijing("1200000", "240000"), "2022-07-01", elig_wage_substitute="none")
    assert strict.verdict is UNKNOWN
    assert "average wage Beijing 2021 (on_post) in rules/wages.toml" in strict.missing


def test_open_question_4_wage_year_readings_differ():
    wages = dataclasses.replace(flat_wages(), figures=tuple(
        dataclasses.replace(f, value=Decimal(110000) if f.year >= 2021 else Decimal(100000))
        for f in flat_wages().figures))
    facts = worker(income=tuple(IncomeYear(y, Decimal(630000), Decimal(140000)) for y in range(2017, 2023)))
    result = run("pr-salary-tax", facts, "2022-06-30", book_with(wages), elig_wage_before_publication="previous_year")
    # application reading: 6 x 110,000 (2021) = 660,000 > 630,000; each-year reading: 6 x 100,000 = 600,000
    assert result.verdict is BORDERLINE and set(verdicts(result, "wage_6x")) == {BORDERLINE}
    assert "Other wage-year reading: threshold 600,000.00" in rows(result, "wage_6x")[0].note
    each = run("pr-salary-tax", facts, "2022-06-30", book_with(wages), elig_wage_year_reading="each_year",
               elig_wage_before_publication="previous_year")
    assert rows(each, "wage_6x")[0].threshold == "600000.00" and each.verdict is BORDERLINE


@pytest.mark.parametrize("change,missing", [
    (dict(income=None), "income records"),
    (dict(crossings=None), "border crossings"),
    (dict(employment=None), "employment history"),
    (dict(city=None), "city of the income 2021"),
])
def test_salary_route_unknown_names_missing_data(change: dict, missing: str):
    result = run("pr-salary-tax", worker(**change), END, TESTCITY)
    assert result.verdict is UNKNOWN and missing in result.missing
    assert missing in result.note


def test_salary_route_needs_four_years_of_work():
    facts = worker(employment=(Employment(D("2021-07-02"), None),))
    result = run("pr-salary-tax", facts, END, TESTCITY)
    assert result.verdict is NOT_MET
    (work,) = rows(result, "work_4_years")
    assert (work.value, work.threshold) == ("2021-07-02", "2021-07-01") and "Reached on 2025-07-01" in work.note
    assert run("pr-salary-tax", facts, "2025-07-01", TESTCITY).verdict is MET


def test_salary_route_not_in_force_before_2019_08_01():
    result = run("pr-salary-tax", worker(), "2019-07-31", TESTCITY)
    assert result.verdict is NOT_MET and [c.id for c in result.criteria] == ["in_force"]


# --- case 18: position holder, 3 years within 4 --------------------------------------------------------------
def position(crossings, level=PositionLevel.DEPUTY_GM_OR_ABOVE, employer=EmployerType.HIGH_TECH):
    return worker(crossings=crossings, employment=(Employment(D("2020-01-01"), None, level, employer),))


def absences(total: int) -> tuple[Crossing, ...]:
    """Present since 2019 except two trips abroad that leave `total` days strictly between exit and entry."""
    first = total // 2
    return (Crossing(D("2019-01-01"), Direction.ENTRY),
            Crossing(D("2021-03-01"), Direction.EXIT), Crossing(D("2021-03-01") + dt.timedelta(first + 1),
                                                                 Direction.ENTRY),
            Crossing(D("2023-02-01"), Direction.EXIT), Crossing(D("2023-02-01") + dt.timedelta(total - first + 1),
                                                                Direction.ENTRY))


def test_case_18_position_holder_1100_days_passes():
    result = run("pr-position", position(absences(361)), "2024-06-30")
    (presence,) = rows(result, "presence_3_of_4")
    assert presence.value == {"calendar_days": 1100, "full_days": 1096} and presence.threshold == 1096
    assert result.verdict is MET


def test_case_18_position_holder_1090_days_fails():
    result = run("pr-position", position(absences(371)), "2024-06-30")
    assert rows(result, "presence_3_of_4")[0].value == {"calendar_days": 1090, "full_days": 1086}
    assert result.verdict is NOT_MET


def test_case_18_with_a_trip_each_year_is_borderline_on_full_days():
    result = run("pr-position", position(stays_with_counts(D("2024-06-30"), [300, 250, 280, 270])), "2024-06-30")
    (presence,) = rows(result, "presence_3_of_4")
    assert presence.value == {"calendar_days": 1100, "full_days": 1092}
    assert result.verdict is BORDERLINE and "full days (1092 < 1096)" in presence.note


@pytest.mark.parametrize("level,employer,verdict,missing", [
    (PositionLevel.EQUIVALENT, EmployerType.EXPORT_FIE, MET, None),  # "or equivalent treatment" (M2004 Art. 6(2))
    (PositionLevel.OTHER, EmployerType.HIGH_TECH, NOT_MET, None),
    (PositionLevel.DEPUTY_GM_OR_ABOVE, EmployerType.OTHER, NOT_MET, None),
    (None, EmployerType.KEY_UNIVERSITY, UNKNOWN, "position level"),
    (PositionLevel.ASSOCIATE_PROFESSOR_OR_ABOVE, None, UNKNOWN, "employer type"),
])
def test_position_post_and_employer(level, employer, verdict: Verdict, missing: str | None):
    result = run("pr-position", position(absences(300), level, employer), "2024-06-30")
    assert result.verdict is verdict
    assert missing is None or missing in result.missing


# --- Chinese-origin PhD, recommended talent, major contribution ------------------------------------------------
@pytest.mark.parametrize("changes,verdict", [
    (dict(chinese_origin=True, highest_degree="doctorate"), MET),
    (dict(chinese_origin=True, highest_degree="master"), NOT_MET),
    (dict(chinese_origin=False, highest_degree="doctorate"), NOT_MET),
    (dict(chinese_origin=True, highest_degree="doctorate", employment=()), NOT_MET),
    (dict(chinese_origin=None, highest_degree="doctorate"), UNKNOWN),
    (dict(chinese_origin=True, highest_degree=None), UNKNOWN),
])
def test_chinese_origin_phd(changes: dict, verdict: Verdict):
    if changes.get("highest_degree"):
        changes["highest_degree"] = Degree(changes["highest_degree"])
    assert run("pr-chinese-origin-phd", worker(**changes), END).verdict is verdict


@pytest.mark.parametrize("route,fact", [("pr-talent-recommended", "talent_recommended"),
                                        ("pr-major-contribution", "major_contribution_recommended")])
def test_recommendation_routes(route: str, fact: str):
    assert run(route, worker(**{fact: True}), END).verdict is MET
    assert run(route, worker(**{fact: False}), END).verdict is NOT_MET
    result = run(route, worker(), END)
    assert result.verdict is UNKNOWN and result.missing == (fact,)


def test_shipped_wage_table_gives_unknown_for_years_it_lacks():
    result = run("pr-salary-tax", beijing("1200000", "240000"), D("2027-06-30"), shipped_book())
    assert result.verdict is UNKNOWN
    assert result.missing == ("wage income 2023", "wage income 2024", "wage income 2025", "wage income 2026")
    beyond = run("pr-salary-tax", beijing("1200000", "240000"), D("2023-07-01"), shipped_book())
    assert beyond.verdict is UNKNOWN and beyond.missing == (
        "average wage Beijing 2022 (on_post or substitute non_private) in rules/wages.toml", "wage income 2022")


def test_stays_helper_builds_alternating_crossings():
    assert [c.direction for c in stays(("2020-01-01", "2020-02-01"), ("2020-03-01", None))] == [
        Direction.ENTRY, Direction.EXIT, Direction.ENTRY]


# --- open question 16: a filing before the previous year's average wage is published ----------------------------
def rising_wages():
    return dataclasses.replace(flat_wages(), figures=tuple(
        dataclasses.replace(f, value=Decimal(110000) if f.year >= 2024 else Decimal(100000))
        for f in flat_wages().figures))


@pytest.mark.parametrize("setting,threshold,alternative", [
    ("latest_published", "600000.00", "2024 figure"), ("previous_year", "660000.00", "2023 figure"),
])
def test_january_filing_uses_the_latest_published_wage_and_shows_the_other(setting, threshold, alternative):
    facts = worker(income=tuple(IncomeYear(y, Decimal(630000), Decimal(140000)) for y in range(2018, 2026)))
    result = run("pr-salary-tax", facts, "2025-01-15", book_with(rising_wages()), elig_wage_before_publication=setting)
    row = rows(result, "wage_6x")[-1]
    assert row.threshold == threshold and row.verdict is BORDERLINE  # passes with one figure only
    assert "usually published" in row.note and alternative in row.note
    # the setting named as File > Settings labels it, never by its key
    assert "the setting “Filing before the previous year's average wage is published" in row.note
    assert f": {setting}, published from month" in row.note and "elig_wage_before_publication" not in row.note


def test_january_filing_is_no_longer_unknown_for_want_of_an_unpublished_figure():
    wages = dataclasses.replace(flat_wages(), figures=tuple(f for f in flat_wages().figures if f.year <= 2023))
    facts = worker(income=tuple(IncomeYear(y, Decimal(700000), Decimal(150000)) for y in range(2018, 2026)))
    result = run("pr-salary-tax", facts, "2025-01-15", book_with(wages))
    assert result.verdict is MET
    assert "the 2024 figure is not in the wage table yet" in rows(result, "wage_6x")[-1].note
    strict = run("pr-salary-tax", facts, "2025-01-15", book_with(wages), elig_wage_before_publication="previous_year")
    assert strict.verdict is UNKNOWN
    after = run("pr-salary-tax", facts, "2025-07-01", book_with(wages))
    assert after.verdict is UNKNOWN  # from July the 2024 figure is the one to use
