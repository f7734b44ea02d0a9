"""Local and pilot routes as data (rules/routes/65_pr_local.toml): city and employer zone select them; processing
estimates per route on the working-day calendar (DOMAIN §1.4, §8)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from core.eligibility.engine import evaluate
from core.eligibility.facts import ApplicantFacts, Degree, Employment, IncomeYear, Investment
from core.eligibility.results import Verdict
from core.eligibility.zones import load_zones
from tests.core.eligibility.helpers import D, settings, shipped_book, stays

LOCAL = {"pr-zgc-chinese-origin-phd", "pr-zgc-points", "pr-chinese-origin-long-term", "pr-gba-investor",
         "pr-shanghai-investor"}


def listed(city: str | None, zone: str | None = None) -> set[str]:
    facts = ApplicantFacts(id="x", city=city, zone=zone)
    return {r.route for r in evaluate(facts, D("2025-07-01"), shipped_book(), settings())} & LOCAL


@pytest.mark.parametrize("city,zone,expected", [
    ("北京 Beijing", None, {"pr-zgc-chinese-origin-phd", "pr-zgc-points"}),
    ("Beijing", "zhongguancun", {"pr-zgc-chinese-origin-phd", "pr-zgc-points", "pr-chinese-origin-long-term"}),
    ("深圳 Shenzhen", None, {"pr-gba-investor"}),
    ("Shanghai", "pudong", {"pr-shanghai-investor", "pr-chinese-origin-long-term"}),
    ("Chengdu", None, set()),
    (None, None, set()),
])
def test_city_and_zone_select_the_local_routes(city, zone, expected):
    assert listed(city, zone) == expected


def phd(**changes) -> ApplicantFacts:
    base = ApplicantFacts(id="phd", city="Beijing", zone="zhongguancun", chinese_origin=True,
                          highest_degree=Degree.DOCTORATE, crossings=stays(("2020-01-01", None)),
                          employment=(Employment(D("2020-01-01"), None, employer="ZGC Lab"),))
    return dataclasses.replace(base, **changes)


def test_zhongguancun_phd_route_and_its_50_working_days():
    # Accepted Mon 2026-02-09: 50 working days over the Spring Festival (Feb 15-23 off; Feb 14, 28 workdays).
    (zgc,) = evaluate(phd(), D("2026-02-09"), shipped_book(), settings(), ["pr-zgc-chinese-origin-phd"])
    (national,) = evaluate(phd(), D("2026-02-09"), shipped_book(), settings(), ["pr-chinese-origin-phd"])
    assert zgc.verdict is Verdict.MET and national.verdict is Verdict.MET
    assert zgc.decision_due is not None and national.decision_due == D("2026-08-09")
    assert dt.date(2026, 4, 17) <= zgc.decision_due < national.decision_due
    assert "50 working days" in zgc.processing and "6 months" in national.processing
    assert zgc.to_json()["decision_due"] == zgc.decision_due.isoformat()


def test_a_route_of_another_zone_named_on_purpose_says_why_not():
    (zgc,) = evaluate(phd(city="Shanghai", zone="pudong"), D("2025-07-01"), shipped_book(), settings(),
                      ["pr-zgc-chinese-origin-phd"])
    assert zgc.verdict is Verdict.NOT_MET
    assert next(c for c in zgc.criteria if c.id == "locality").verdict is Verdict.NOT_MET


def test_gba_investor_thresholds():
    inv = Investment(Decimal(600000), encouraged=True, stable_since=D("2020-01-01"))
    facts = ApplicantFacts(id="i", city="广州 Guangzhou", investments=(inv,), good_tax_record=True)
    (gba,) = evaluate(facts, D("2025-07-01"), shipped_book(), settings(), ["pr-gba-investor"])
    assert gba.verdict is Verdict.MET
    plain = dataclasses.replace(facts, investments=(dataclasses.replace(inv, encouraged=False),))
    (gba,) = evaluate(plain, D("2025-07-01"), shipped_book(), settings(), ["pr-gba-investor"])
    assert gba.verdict is Verdict.NOT_MET


# --- the older fixed-amount salary routes (DOMAIN §1.4; open question 10) -----------------------------------------
def salaried(city: str, wage: int, tax: int, documents: frozenset[str] = frozenset({"employer_recommendation"}),
             ) -> ApplicantFacts:
    """In China and employed since 2013; the same wage income and IIT in every year 2013–2025."""
    return ApplicantFacts(id="s", city=city, crossings=stays(("2013-01-01", None)),
                          employment=(Employment(D("2013-01-01"), None, employer="X"),),
                          income=tuple(IncomeYear(y, Decimal(wage), Decimal(tax), city) for y in range(2013, 2026)),
                          documents=documents)


@pytest.mark.parametrize("route,city,wage,tax,day,expected", [
    # Beijing 2016: at least 500,000 and 100,000 (BJ-20), with the employer's letter.
    ("pr-beijing-salary-2016", "Beijing", 500000, 100000, "2019-06-30", Verdict.MET),
    ("pr-beijing-salary-2016", "Beijing", 499999, 100000, "2019-06-30", Verdict.NOT_MET),
    ("pr-beijing-salary-2016", "Beijing", 500000, 99999, "2019-06-30", Verdict.NOT_MET),
    ("pr-beijing-salary-2016", "Beijing", 900000, 200000, "2016-02-29", Verdict.NOT_MET),  # before it began
    ("pr-beijing-salary-2016", "Beijing", 900000, 200000, "2019-08-01", Verdict.NOT_MET),  # replaced by 6x / 20%
    # Shanghai 2015: more than 600,000 and 120,000 (SH): the amounts themselves do not pass.
    ("pr-shanghai-salary-2015", "Shanghai", 600000, 130000, "2018-12-31", Verdict.NOT_MET),
    ("pr-shanghai-salary-2015", "Shanghai", 600001, 120001, "2018-12-31", Verdict.MET),
    ("pr-shanghai-salary-2015", "Shanghai", 700000, 120000, "2018-12-31", Verdict.NOT_MET),
    # Guangdong 2016/17: at least 400,000 and 70,000 (GD).
    ("pr-guangdong-salary-2017", "广州 Guangzhou", 400000, 70000, "2019-03-01", Verdict.MET),
    ("pr-guangdong-salary-2017", "广州 Guangzhou", "399999.99", 70000, "2019-03-01", Verdict.NOT_MET),
    ("pr-guangdong-salary-2017", "广州 Guangzhou", 400000, 70000, "2016-12-31", Verdict.NOT_MET),
])
def test_older_fixed_amount_salary_routes(route, city, wage, tax, day, expected):
    (result,) = evaluate(salaried(city, wage, tax), D(day), shipped_book(), settings(), [route])
    assert result.verdict is expected
    if expected is Verdict.MET:
        fixed = [c for c in result.criteria if c.criterion == "salary_tax_fixed"]
        assert len(fixed) == 4 and all(c.verdict is Verdict.MET for c in fixed)


def test_fixed_amount_routes_listed_by_city_and_unknown_without_income():
    facts = dataclasses.replace(salaried("Beijing", 500000, 100000), income=None)
    (result,) = evaluate(facts, D("2019-06-30"), shipped_book(), settings(), ["pr-beijing-salary-2016"])
    assert result.verdict is Verdict.UNKNOWN
    assert {"pr-beijing-salary-2016"} <= {r.route for r in evaluate(
        ApplicantFacts(id="x", city="Beijing"), D("2019-06-30"), shipped_book(), settings())}
    assert "pr-beijing-salary-2016" not in {r.route for r in evaluate(
        ApplicantFacts(id="x", city="Chengdu"), D("2019-06-30"), shipped_book(), settings())}
    assert "pr-beijing-salary-2016" not in {r.route for r in evaluate(  # superseded: only when asked for
        ApplicantFacts(id="x", city="Beijing"), D("2019-08-01"), shipped_book(), settings())}
    guangdong = {r.route for r in evaluate(ApplicantFacts(id="x", city="汕头 Shantou"), D("2019-06-30"),
                                           shipped_book(), settings())}
    assert "pr-guangdong-salary-2017" in guangdong and "pr-gba-points" not in guangdong  # not a GBA city


@pytest.mark.parametrize("recommended,working,expected", [
    (True, True, Verdict.MET), (False, True, Verdict.NOT_MET), (None, True, Verdict.UNKNOWN),
    (True, False, Verdict.NOT_MET),
])
def test_gba_points_route(recommended, working, expected):
    jobs = (Employment(D("2020-01-01"), None if working else D("2024-01-01"), employer="X"),)
    facts = ApplicantFacts(id="g", city="Zhuhai", zone="hengqin", gba_points_recommended=recommended,
                           employment=jobs)
    (result,) = evaluate(facts, D("2025-07-01"), shipped_book(), settings(), ["pr-gba-points"])
    assert result.verdict is expected


def test_every_zone_a_route_names_is_a_known_zone():
    known = {n.casefold() for z in load_zones() for n in z.names()}
    named = {z.casefold() for r in shipped_book().routes.routes for z in r.zones}
    assert named and named <= known
