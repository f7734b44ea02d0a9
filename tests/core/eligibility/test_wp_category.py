"""Work-permit category by every route of DOMAIN §3 (rules/wp_categories.toml), with the route that decided it."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from core.eligibility.facts import ApplicantFacts, Degree, Region, WorkPermitFacts
from core.eligibility.workpermit.category import with_categories
from core.eligibility.workpermit.points import score
from tests.core.eligibility.helpers import D, flat_wages, shipped_book

AS_OF = D("2025-06-01")
WAGES = flat_wages(value=100000)  # Testcity: 6x = 600,000; 4x = 400,000


def facts(**wp) -> ApplicantFacts:
    base = dict(annual_salary_cny=Decimal(300000), education=Degree.MASTER, experience_years=6, months_in_china=12,
                hsk_level=4, former_chinese_national=False, degree_taught_in_chinese=False, region=Region.EASTERN,
                elite=("fortune500",), local_points=0, direct_a=False, age=35)
    base.update(wp)
    return ApplicantFacts(id="w", city="Testcity", work_permit=WorkPermitFacts(**base))


def category(f: ApplicantFacts) -> tuple[str, str]:
    book = shipped_book()
    result = with_categories(score(f, AS_OF, book.points), f, AS_OF, WAGES, book.categories)
    assert result.by_route is not None
    return result.category, result.by_route.decided_by.route.id


@pytest.mark.parametrize("changes,expected", [
    ({}, ("B", "b-points")),  # DOMAIN case 25: 77 points
    ({"direct_a": True}, ("A", "a-direct")),
    ({"annual_salary_cny": Decimal(650000)}, ("A", "a-salary-6x")),  # 6x the local average, 80 points
    ({"annual_salary_cny": Decimal(450000), "education": Degree.OTHER, "months_in_china": 2, "hsk_level": 0,
      "elite": (), "age": 58}, ("B", "b-salary-4x")),  # 4x and 6 years' experience, few points
    ({"annual_salary_cny": Decimal(60000), "education": Degree.BACHELOR, "experience_years": 2, "months_in_china": 2,
      "hsk_level": 0, "elite": (), "age": 58}, ("B", "b-degree-experience")),
    ({"annual_salary_cny": Decimal(60000), "education": Degree.BACHELOR, "experience_years": 1, "months_in_china": 2,
      "hsk_level": 0, "elite": (), "age": 24}, ("C", "c-otherwise")),
    ({"annual_salary_cny": Decimal(60000), "education": Degree.BACHELOR, "experience_years": 5, "months_in_china": 2,
      "hsk_level": 0, "elite": (), "age": 61}, ("C", "c-otherwise")),  # over 60: not B by degree
])
def test_category_by_every_route(changes: dict, expected: tuple[str, str]):
    assert category(facts(**changes)) == expected


def test_unknown_inputs_leave_a_higher_category_open():
    f = facts(experience_years=None, age=24, education=Degree.BACHELOR, annual_salary_cny=Decimal(60000),
              months_in_china=2, hsk_level=0, elite=())
    book = shipped_book()
    result = with_categories(score(f, AS_OF, book.points), f, AS_OF, WAGES, book.categories)
    assert result.category == "unknown" and result.by_route is not None
    assert "work experience (years)" in result.by_route.doubt and "experience_years" not in result.by_route.doubt
    assert result.to_json()["by_route"]["decided_by"] == "c-otherwise"


def test_points_alone_when_no_local_wage():
    f = facts(annual_salary_cny=Decimal(650000))
    book = shipped_book()
    result = with_categories(score(f, AS_OF, book.points), dataclass_city(f, "Nowhere"), AS_OF, WAGES,
                             book.categories)
    assert result.by_route is not None and result.by_route.decided_by.route.id == "b-points"
    assert result.category == "unknown"  # 6x could give A once the local average wage is known


def dataclass_city(f: ApplicantFacts, city: str) -> ApplicantFacts:
    return dataclasses.replace(f, city=city)
