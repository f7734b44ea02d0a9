"""Local and pilot routes as data (rules/routes/65_pr_local.toml): city and employer zone select them; processing
estimates per route on the working-day calendar (DOMAIN §1.4, §8)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from core.eligibility.engine import evaluate
from core.eligibility.facts import ApplicantFacts, Degree, Employment, Investment
from core.eligibility.results import Verdict
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
