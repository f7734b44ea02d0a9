"""Family, investor, keeping-PR and deadline routes against DOMAIN.md cases 9, 10, 19–22 and 29."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from core.eligibility.facts import (
    ApplicantFacts,
    FamilyLink,
    Investment,
    MaritalStatus,
    Marriage,
    PersonStatus,
    PrStatus,
    Region,
    Relation,
)
from core.eligibility.results import Verdict
from tests.core.eligibility.helpers import (
    D,
    book_with,
    flat_wages,
    rows,
    run,
    stays,
    stays_with_counts,
    verdicts,
    worker,
)

MET, NOT_MET, BORDERLINE, UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.BORDERLINE, Verdict.UNKNOWN


# --- case 19: spouse reunion ---------------------------------------------------------------------------------
def spouse(**changes) -> ApplicantFacts:
    base = ApplicantFacts(id="spouse", birth_date=D("1988-02-01"), marital_status=MaritalStatus.MARRIED,
                          marriage=Marriage(D("2019-06-01"), PersonStatus.CHINESE_CITIZEN),
                          crossings=stays(("2018-01-01", None)), livelihood_and_home=True)
    return dataclasses.replace(base, **changes)


def test_case_19_married_five_years_and_present():
    result = run("pr-spouse", spouse(), "2024-06-15")
    (married,) = rows(result, "married_5_years")
    assert (married.verdict, married.value, married.threshold) == (MET, 1841, "5 years (2024-06-01)")
    assert result.verdict is MET


def test_case_19_one_year_with_260_days_fails():
    result = run("pr-spouse", spouse(crossings=stays_with_counts(D("2024-06-15"), [300, 300, 260, 300, 300])),
                 "2024-06-15")
    assert verdicts(result, "presence_9_months") == [MET, MET, NOT_MET, MET, MET]
    assert result.verdict is NOT_MET


@pytest.mark.parametrize("changes,verdict,missing", [
    (dict(marriage=Marriage(D("2019-06-16"), PersonStatus.CHINESE_CITIZEN)), NOT_MET, None),
    (dict(marriage=Marriage(D("2019-06-01"), PersonStatus.FOREIGN)), NOT_MET, None),
    (dict(marriage=Marriage(D("2019-06-01"), PersonStatus.PR_HOLDER)), MET, None),
    (dict(crossings=stays_with_counts(D("2024-06-15"), [300, 300, 274, 300, 300])), BORDERLINE, None),
    (dict(crossings=stays_with_counts(D("2024-06-15"), [300, 300, 273, 300, 300])), BORDERLINE, None),
    (dict(marriage=None, marital_status=None), UNKNOWN, "marriage date"),
    (dict(livelihood_and_home=None), UNKNOWN, "livelihood_and_home"),
])
def test_spouse_route_verdicts(changes: dict, verdict: Verdict, missing: str | None):
    result = run("pr-spouse", spouse(**changes), "2024-06-15")
    assert result.verdict is verdict
    assert missing is None or missing in result.missing


# --- case 20: elderly dependant -------------------------------------------------------------------------------
def elderly(**changes) -> ApplicantFacts:
    base = ApplicantFacts(id="grandma", birth_date=D("1965-07-15"), crossings=stays(("2015-01-01", None)),
                          no_relatives_abroad=True, livelihood_and_home=True,
                          family=FamilyLink(Relation.PARENT, principal_status=PersonStatus.CHINESE_CITIZEN))
    return dataclasses.replace(base, **changes)


def test_case_20_aged_59_years_11_months_is_not_eligible():
    result = run("pr-elderly", elderly(), "2025-06-15")
    (age,) = rows(result, "age_60")
    assert (age.verdict, age.value, age.threshold) == (NOT_MET, 59, 60) and "Turns 60 on 2025-07-15" in age.note
    assert result.verdict is NOT_MET
    assert run("pr-elderly", elderly(), "2025-07-15").verdict is MET


@pytest.mark.parametrize("changes,verdict", [
    (dict(no_relatives_abroad=False), NOT_MET),
    (dict(family=FamilyLink(Relation.CHILD, principal_status=PersonStatus.CHINESE_CITIZEN)), NOT_MET),
    (dict(crossings=stays_with_counts(D("2025-08-01"), [300, 275, 300, 300, 300])), BORDERLINE),
    (dict(no_relatives_abroad=None), UNKNOWN),
    (dict(birth_date=None), UNKNOWN),
])
def test_elderly_route_verdicts(changes: dict, verdict: Verdict):
    assert run("pr-elderly", elderly(**changes), "2025-08-01").verdict is verdict


# --- case 21: minor child ------------------------------------------------------------------------------------
def child(**changes) -> ApplicantFacts:
    base = ApplicantFacts(id="child", birth_date=D("2008-05-01"), marital_status=MaritalStatus.UNMARRIED,
                          family=FamilyLink(Relation.CHILD, principal_status=PersonStatus.PR_HOLDER))
    return dataclasses.replace(base, **changes)


def test_case_21_child_route_ends_on_the_18th_birthday():
    before = run("pr-minor-child", child(), "2026-04-30")
    assert before.verdict is MET and rows(before, "under_18")[0].value == 17
    after = run("pr-minor-child", child(), "2026-05-01")
    assert after.verdict is NOT_MET and rows(after, "under_18")[0].value == 18


@pytest.mark.parametrize("changes,verdict", [
    (dict(marital_status=MaritalStatus.MARRIED), NOT_MET),
    (dict(family=FamilyLink(Relation.CHILD, principal_status=PersonStatus.FOREIGN)), NOT_MET),
    (dict(birth_date=None), UNKNOWN),
    (dict(family=None), NOT_MET),
    (dict(family=FamilyLink(Relation.CHILD)), UNKNOWN),
])
def test_minor_child_verdicts(changes: dict, verdict: Verdict):
    assert run("pr-minor-child", child(**changes), "2020-01-01").verdict is verdict


# --- dependants inherit the principal's route ------------------------------------------------------------------
TESTCITY = book_with(flat_wages())


def dependant(relation: Relation, principal: ApplicantFacts | None, **changes) -> ApplicantFacts:
    family = FamilyLink(relation, principal_route="pr-salary-tax", principal=principal)
    base = child(family=family) if relation is Relation.CHILD else spouse(family=family,
                                                                           documents=frozenset({"marriage_certificate"}))
    return dataclasses.replace(base, **changes)


def test_child_applies_with_a_principal_who_qualifies():
    result = run("pr-dependant", dependant(Relation.CHILD, worker()), "2025-06-30", TESTCITY)
    assert result.verdict is MET
    assert [c.id for c in result.criteria] == ["principal", "relation", "child_under_18", "child_unmarried"]


def test_child_who_turns_18_cannot_join():
    result = run("pr-dependant", dependant(Relation.CHILD, worker()), "2026-05-01", TESTCITY)
    assert result.verdict is NOT_MET and verdicts(result, "child_under_18") == [NOT_MET]


def test_spouse_dependant_needs_marriage_proof():
    with_proof = run("pr-dependant", dependant(Relation.SPOUSE, worker()), "2025-06-30", TESTCITY)
    assert with_proof.verdict is MET and [c.id for c in with_proof.criteria][-1] == "marriage_proof"
    without = run("pr-dependant", dependant(Relation.SPOUSE, worker(), documents=frozenset()), "2025-06-30",
                  TESTCITY)
    assert without.verdict is NOT_MET
    unknown = run("pr-dependant", dependant(Relation.SPOUSE, worker(), documents=None), "2025-06-30", TESTCITY)
    assert unknown.verdict is UNKNOWN


def test_dependant_inherits_principal_borderline_and_unknown():
    borderline = worker(crossings=stays_with_counts(D("2025-06-30"), [300, 300, 300, 184]))
    assert run("pr-dependant", dependant(Relation.CHILD, borderline), "2025-06-30", TESTCITY).verdict is BORDERLINE
    unknown = run("pr-dependant", dependant(Relation.CHILD, worker(income=None)), "2025-06-30", TESTCITY)
    assert unknown.verdict is UNKNOWN and "the principal's data" in unknown.missing
    failing = worker(employment=())
    assert run("pr-dependant", dependant(Relation.CHILD, failing), "2025-06-30", TESTCITY).verdict is NOT_MET


def test_dependant_without_principal_facts_uses_recorded_verdict():
    family = FamilyLink(Relation.CHILD, principal_route="pr-investor", principal_verdict=Verdict.MET)
    assert run("pr-dependant", child(family=family), "2020-01-01").verdict is MET
    not_allowed = FamilyLink(Relation.CHILD, principal_route="pr-spouse", principal_verdict=Verdict.MET)
    assert run("pr-dependant", child(family=not_allowed), "2020-01-01").verdict is NOT_MET
    unknown = FamilyLink(Relation.CHILD, principal_route="pr-investor")
    assert run("pr-dependant", child(family=unknown), "2020-01-01").verdict is UNKNOWN


# --- case 29: investor ---------------------------------------------------------------------------------------
def investor(**inv) -> ApplicantFacts:
    values = dict(amount_usd=Decimal(600000), region=Region.EASTERN, encouraged=False, stable_since=D("2020-01-01"))
    return ApplicantFacts(id="investor", investments=(Investment(**{**values, **inv}),), good_tax_record=True)


def test_case_29_investor_eastern_not_encouraged_needs_two_million():
    result = run("pr-investor", investor(), "2024-01-01")
    (capital,) = rows(result, "capital")
    assert (capital.verdict, capital.value, capital.threshold) == (NOT_MET, "600000", "2000000")
    assert result.verdict is NOT_MET


def test_case_29_investor_encouraged_industry_passes_when_stable_3_years():
    assert run("pr-investor", investor(encouraged=True), "2024-01-01").verdict is MET
    late = run("pr-investor", investor(encouraged=True, stable_since=D("2022-01-01")), "2024-01-01")
    assert late.verdict is NOT_MET and "Met from 2024-12-31" in rows(late, "stable_3_years")[0].note


@pytest.mark.parametrize("inv,verdict", [
    (dict(region=Region.CENTRAL, amount_usd=Decimal(1000000)), MET),
    (dict(region=Region.CENTRAL, amount_usd=Decimal(999999)), NOT_MET),
    (dict(region=Region.WESTERN), MET),
    (dict(region=Region.POVERTY_COUNTY), MET),
    (dict(encouraged=None), UNKNOWN),
    (dict(region=None), UNKNOWN),
    (dict(stable_since=None), NOT_MET),  # the amount fails first
    (dict(encouraged=True, stable_since=None), UNKNOWN),
])
def test_investor_regional_minimums(inv: dict, verdict: Verdict):
    assert run("pr-investor", investor(**inv), "2024-01-01").verdict is verdict


# --- case 22: keeping PR -------------------------------------------------------------------------------------
def pr_holder(days_2025: int, approval: bool | None) -> ApplicantFacts:
    years = [("2021-03-01", 150), ("2022-03-01", 155), ("2023-03-01", 150), ("2024-03-01", 160),
             ("2025-03-01", days_2025)]
    ranges = []
    for start, days in years:
        first = D(start)
        ranges.append((first.isoformat(), (first + (days - 1) * (D("2020-01-02") - D("2020-01-01"))).isoformat()))
    return ApplicantFacts(id="pr", crossings=stays(*ranges), pr=PrStatus(D("2015-05-01"), approval))


def test_case_22_below_three_months_needs_approval():
    result = run("pr-retention", pr_holder(85, None), "2026-01-10")
    (last_year,) = rows(result, "three_months_last_year")
    assert last_year.value == {"calendar_days": 85, "full_days": 83} and last_year.verdict is NOT_MET
    (five,) = rows(result, "one_year_in_five")
    assert five.value["calendar_days"] == 700 and five.verdict is MET
    assert "calendar years 2021–2025" in five.convention
    assert result.verdict is UNKNOWN and result.missing == ("retention_approval",)
    assert run("pr-retention", pr_holder(85, True), "2026-01-10").verdict is MET
    assert run("pr-retention", pr_holder(85, False), "2026-01-10").verdict is NOT_MET


@pytest.mark.parametrize("days,verdict", [(94, MET), (93, BORDERLINE), (91, BORDERLINE), (89, NOT_MET)])
def test_retention_three_months_readings(days: int, verdict: Verdict):
    assert run("pr-retention", pr_holder(days, False), "2026-01-10").verdict is verdict


def test_retention_without_pr_or_crossings():
    no_pr = run("pr-retention", ApplicantFacts(crossings=stays(("2020-01-01", None))), "2026-01-10")
    assert no_pr.verdict is NOT_MET and rows(no_pr, "pr_holder")[0].value is False
    result = run("pr-retention", dataclasses.replace(pr_holder(120, None), crossings=None), "2026-01-10")
    assert result.verdict is UNKNOWN and "border crossings" in result.missing


# --- cases 9 and 10: filing deadlines ------------------------------------------------------------------------
@pytest.mark.parametrize("day,verdict", [("2025-08-31", MET), ("2025-09-01", NOT_MET), ("2025-10-01", NOT_MET)])
def test_case_9_residence_permit_renewal(day: str, verdict: Verdict):
    result = run("rp-renewal", ApplicantFacts(residence_permit_expiry=D("2025-09-30")), day)
    assert result.verdict is verdict and result.criteria[0].threshold == "2025-08-31"


@pytest.mark.parametrize("day,verdict", [("2025-08-31", MET), ("2025-09-10", BORDERLINE), ("2025-09-15", BORDERLINE),
                                         ("2025-09-16", NOT_MET)])
def test_case_10_work_permit_extension_30_or_45_days(day: str, verdict: Verdict):
    result = run("wp-extension", ApplicantFacts(work_permit_expiry=D("2025-10-15")), day)
    assert result.verdict is verdict and result.criteria[0].threshold == "2025-08-31"


def test_deadlines_unknown_without_expiry():
    assert run("rp-renewal", ApplicantFacts(), "2025-01-01").verdict is UNKNOWN
    assert run("wp-extension", ApplicantFacts(), "2025-01-01").verdict is UNKNOWN
