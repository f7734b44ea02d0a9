"""Work-permit points (DOMAIN §3.1): cases 25 and 26, missing inputs as a range, direct category A."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from core.eligibility.facts import ApplicantFacts, Degree, Region, WorkPermitFacts
from core.eligibility.workpermit.points import score
from tests.core.eligibility.helpers import D, shipped_book

TABLE = shipped_book().points
CASE_25 = WorkPermitFacts(annual_salary_cny=Decimal(300000), education=Degree.MASTER, experience_years=6,
                          months_in_china=12, hsk_level=4, former_chinese_national=False,
                          degree_taught_in_chinese=False, region=Region.EASTERN, elite=("fortune500",), local_points=0,
                          age=35)


def points(wp: WorkPermitFacts, **facts) -> dict[str, int | None]:
    result = score(ApplicantFacts(work_permit=wp, **facts), D("2026-01-01"), TABLE)
    return {line.factor: line.points for line in result.lines} | {"total": result.total}


def test_case_25_scores_77_category_b():
    result = score(ApplicantFacts(work_permit=CASE_25), D("2026-01-01"), TABLE)
    assert {x.factor: x.points for x in result.lines} == {
        "salary": 14, "education": 15, "experience": 9, "months_in_china": 15, "chinese": 4, "location": 0,
        "age": 15, "elite": 5, "local": 0}
    assert (result.total, result.max_total, result.category) == (77, 77, "B")
    older = score(ApplicantFacts(work_permit=dataclasses.replace(CASE_25, age=46)), D("2026-01-01"), TABLE)
    assert (older.total, older.category) == (72, "B")


@pytest.mark.parametrize("age,expected", [(18, 10), (25, 10), (26, 15), (45, 15), (46, 10), (55, 10), (56, 5),
                                          (60, 5), (61, 0), (17, 0)])
def test_case_26_age_band_edges(age: int, expected: int):
    assert points(dataclasses.replace(CASE_25, age=age))["age"] == expected


def test_age_comes_from_the_birth_date_when_not_given():
    wp = dataclasses.replace(CASE_25, age=None)
    assert points(wp, birth_date=D("1980-01-02"))["age"] == 15  # 45 on 2026-01-01
    assert points(wp, birth_date=D("1980-01-01"))["age"] == 10  # 46 that day


@pytest.mark.parametrize("salary,expected", [(450000, 20), (449999, 17), (350000, 17), (250000, 14), (150000, 11),
                                             (70000, 8), (50000, 5), (49999, 0)])
def test_salary_bands_in_ten_thousands(salary: int, expected: int):
    assert points(dataclasses.replace(CASE_25, annual_salary_cny=Decimal(salary)))["salary"] == expected


@pytest.mark.parametrize("years,expected", [(1, 0), (2, 5), (6, 9), (17, 20), (30, 20)])
def test_experience_capped_at_20(years: int, expected: int):
    assert points(dataclasses.replace(CASE_25, experience_years=years))["experience"] == expected


def test_chinese_elite_location_and_local_caps():
    wp = dataclasses.replace(CASE_25, hsk_level=6, former_chinese_national=True, elite=("fortune500", "patents"),
                             region=Region.NORTHEAST, local_points=15)
    got = points(wp)
    assert (got["chinese"], got["elite"], got["location"], got["local"]) == (5, 5, 10, 10)


def test_missing_inputs_make_a_range_and_may_leave_the_category_open():
    wp = dataclasses.replace(CASE_25, months_in_china=None)
    result = score(ApplicantFacts(work_permit=wp), D("2026-01-01"), TABLE)
    assert (result.total, result.max_total, result.category) == (62, 77, "B")
    assert result.missing == ("months_in_china",)
    wp = dataclasses.replace(CASE_25, annual_salary_cny=None, education=None)
    result = score(ApplicantFacts(work_permit=wp), D("2026-01-01"), TABLE)
    assert (result.total, result.max_total, result.category) == (48, 88, "unknown")
    assert score(ApplicantFacts(), D("2026-01-01"), TABLE).category == "unknown"


def test_education_falls_back_to_the_highest_degree():
    wp = dataclasses.replace(CASE_25, education=None)
    assert points(wp, highest_degree=Degree.DOCTORATE)["education"] == 20


def test_direct_category_a_needs_no_points():
    result = score(ApplicantFacts(work_permit=dataclasses.replace(CASE_25, direct_a=True)), D("2026-01-01"), TABLE)
    assert (result.category, result.direct_a, result.total) == ("A", True, 77)
    assert score(ApplicantFacts(work_permit=dataclasses.replace(CASE_25, age=30, annual_salary_cny=Decimal(500000),
                                                                 education=Degree.DOCTORATE, local_points=10)),
                 D("2026-01-01"), TABLE).category == "A"
