"""ApplicantFacts read from stored records: the three example cases field by field, inferred facts with their
notes, and missing data leaving routes unknown with the data named."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core.eligibility.facts import (
    Degree,
    EmployerType,
    Employment,
    MaritalStatus,
    Marriage,
    PersonStatus,
    PositionLevel,
    Relation,
)
from core.eligibility.inputs.from_records import facts_from_records, locality
from core.eligibility.results import Verdict
from core.records.identity import Applicant, ApplicantId, Crossing, Direction
from core.records.model import Citizenship, DegreeLevel, Document, DocumentKind, PersonProfile, PersonRecords
from core.records.model import Employment as RecEmployment
from core.records.model import IncomeYear as RecIncome
from core.records.model import Relation as RecRelation
from core.services.facade import JuliuService

CASES = Path(__file__).resolve().parents[3] / "examples" / "cases"
TODAY = dt.date(2026, 11, 22)
D = dt.date.fromisoformat


def imported(service: JuliuService, name: str) -> list[ApplicantId]:
    return service.records.import_case(CASES / f"{name}.json")


# (case, person index in the file, expected facts). Values are read off the case files by hand.
EXPECTED: list[tuple[str, int, dict[str, Any]]] = [
    ("beijing-6x-professional", 0, dict(
        name="陈伟明 TAN Wei Ming", birth_date=D("1984-03-17"), nationality="SGP", city="Beijing",
        highest_degree=Degree.MASTER, marital_status=None, marriage=None, family=None, pr=None,
        chinese_origin=None, good_tax_record=None, livelihood_and_home=None,
        employment=(Employment(D("2019-07-01"), None, PositionLevel.DEPUTY_GM_OR_ABOVE, EmployerType.HIGH_TECH,
                               "Beijing", "北京云启智能科技有限公司"),),
        residence_permit_expiry=D("2027-02-09"), work_permit_expiry=D("2027-02-09"))),
    ("shanghai-family", 0, dict(
        name="杜可蕾 DUBOIS Claire", city="Shanghai", marital_status=MaritalStatus.MARRIED,
        marriage=Marriage(D("2018-06-01"), PersonStatus.CHINESE_CITIZEN), family=None, livelihood_and_home=True,
        employment=(), income=(), residence_permit_expiry=D("2027-01-20"), work_permit_expiry=None,
        highest_degree=None)),
    ("shanghai-family", 1, dict(
        name="张伟 ZHANG Wei", nationality="CHN", marital_status=MaritalStatus.MARRIED, crossings=None,
        marriage=Marriage(D("2018-06-01"), PersonStatus.FOREIGN), residence_permit_expiry=None)),
    ("shanghai-family", 2, dict(
        name="张乐 DUBOIS ZHANG Léo", birth_date=D("2019-05-12"), marital_status=MaritalStatus.UNMARRIED,
        marriage=None, residence_permit_expiry=D("2027-01-20"))),
    ("shenzhen-work-permit-renewal", 0, dict(
        name="金敏俊 KIM Minjun", city="Shenzhen", highest_degree=Degree.BACHELOR, work_permit_expiry=D("2027-01-10"),
        residence_permit_expiry=D("2027-01-10"), marriage=None)),
]


@pytest.mark.parametrize("case,index,expected", EXPECTED, ids=[f"{c}-{i}" for c, i, _e in EXPECTED])
def test_example_cases_give_the_facts_their_records_hold(service: JuliuService, case: str, index: int,
                                                         expected: dict[str, Any]):
    ids = imported(service, case)
    facts = service.eligibility.facts(ids[index], TODAY).facts
    assert facts.id == ids[index]
    for name, value in expected.items():
        assert getattr(facts, name) == value, name


def test_beijing_income_crossings_documents_and_points_inputs(service: JuliuService):
    (tan,) = imported(service, "beijing-6x-professional")
    facts = service.eligibility.facts(tan, TODAY).facts
    assert [(i.year, i.wage_income, i.iit_paid, i.city) for i in facts.income or ()][-1] == (
        2025, Decimal("1650000.00"), Decimal("357200.00"), "Beijing")
    assert len(facts.income or ()) == 5
    assert len(facts.crossings or ()) == 25 and not any(c.planned for c in facts.crossings or ())
    assert {"residence_permit", "work_permit", "degree", "employer_recommendation", "tax_certificate"} <= (
        facts.documents or frozenset())
    wp = facts.work_permit
    assert wp is not None and (wp.annual_salary_cny, wp.education, wp.hsk_level) == (
        Decimal("1650000.00"), Degree.MASTER, None)
    # Documents issued after the date checked are not held yet; the permit then current is used.
    earlier = service.eligibility.facts(tan, D("2024-06-30")).facts
    assert "no_criminal_record" not in (earlier.documents or frozenset())
    assert earlier.residence_permit_expiry == D("2025-02-09")  # the permit then current, not the one issued in 2025
    assert earlier.work_permit and earlier.work_permit.annual_salary_cny == Decimal("1580000.00")  # 2024


def test_family_links_of_the_shanghai_dependants(service: JuliuService):
    claire, zhang, leo = imported(service, "shanghai-family")
    spouse = service.eligibility.facts(zhang, TODAY)
    link = spouse.facts.family
    assert link is not None and (link.relation, link.principal_status) == (Relation.SPOUSE, PersonStatus.FOREIGN)
    assert link.principal is not None and link.principal.id == claire
    assert "marriage_certificate" in (spouse.facts.documents or frozenset())  # recorded under Claire
    assert any("Chinese citizen" in n for n in spouse.notes)
    child = service.eligibility.facts(leo, TODAY)
    link = child.facts.family
    assert link is not None and (link.relation, link.principal_status) == (Relation.CHILD,
                                                                          PersonStatus.CHINESE_CITIZEN)
    assert any("taken as the child's other parent" in n for n in child.notes)
    assert link.principal_route is None and any("qualifies under no route" in n for n in child.notes)
    report = service.eligibility.assess(leo, TODAY, route_ids=["pr-minor-child", "pr-dependant"])
    minor, dependant = report.routes
    assert minor.verdict is Verdict.MET
    assert dependant.verdict is Verdict.UNKNOWN and "the principal's route" in dependant.missing


def test_dependants_of_a_principal_with_a_route_inherit_it(service: JuliuService):
    """The spouse and a child of 陈伟明 join his best route (salary, borderline on the illustrative wage)."""
    (tan,) = imported(service, "beijing-6x-professional")
    wife = service.records.add_dependant(tan, Applicant("Lim", "Mei", "林美", birth_date=D("1986-05-01")),
                                         RecRelation.SPOUSE, married_on=D("2015-10-10"))
    son = service.records.add_dependant(tan, Applicant("Tan", "Kai", "陈凯", birth_date=D("2009-01-10")),
                                        RecRelation.CHILD)
    principal = service.eligibility.assess(tan, TODAY, route_ids=["pr-salary-tax"]).routes[0]
    assert principal.verdict is Verdict.BORDERLINE
    for person, relation in ((wife, Relation.SPOUSE), (son, Relation.CHILD)):
        built = service.eligibility.facts(ApplicantId(person.id), TODAY)
        assert built.facts.family is not None and built.facts.family.principal_route == "pr-salary-tax"
        assert built.facts.family.relation is relation
    wife_result = service.eligibility.assess(ApplicantId(wife.id), TODAY, route_ids=["pr-dependant"]).routes[0]
    by_id = {c.id: c for c in wife_result.criteria}
    assert by_id["principal"].verdict is Verdict.BORDERLINE and by_id["marriage_proof"].verdict is Verdict.NOT_MET
    assert service.eligibility.facts(tan, TODAY).facts.marriage == Marriage(D("2015-10-10"), PersonStatus.FOREIGN)
    # The son turns 18 on 2027-01-10: in time today, too late on his birthday.
    son_today = service.eligibility.assess(ApplicantId(son.id), TODAY, route_ids=["pr-dependant"]).routes[0]
    son_later = service.eligibility.assess(ApplicantId(son.id), D("2027-01-10"), route_ids=["pr-dependant"]).routes[0]
    assert {c.id: c.verdict for c in son_today.criteria}["child_under_18"] is Verdict.MET
    assert {c.id: c.verdict for c in son_later.criteria}["child_under_18"] is Verdict.NOT_MET


# --- pure adapter: inferred facts and missing data ------------------------------------------------------------
AID = ApplicantId(1)


def records(**changes: Any) -> PersonRecords:
    base = PersonRecords(Applicant("Wang", "Xiaoming", "王小明", city="北京 Beijing", id=AID), PersonProfile(AID))
    return dataclasses.replace(base, **changes)


def doc(kind: DocumentKind, issue: str | None = None, expiry: str | None = None, **extra: Any) -> Document:
    return Document(AID, kind, issue_date=D(issue) if issue else None, expiry_date=D(expiry) if expiry else None,
                    **extra)


@pytest.mark.parametrize("text,expected", [("北京 Beijing", "Beijing"), ("beijing", "Beijing"),
                                           ("深圳 / Shenzhen", "Shenzhen"), ("Hangzhou", "Hangzhou"),
                                           ("  ", None), ("北京", "北京")])
def test_locality_finds_the_wage_area_a_city_names(text: str, expected: str | None):
    assert locality(text, ["Beijing", "Shenzhen", "National"]) == expected


def test_marriage_date_from_the_profile_else_the_first_certificate():
    spouse_id = ApplicantId(2)
    certificates = (doc(DocumentKind.MARRIAGE_CERTIFICATE, "2019-06-03", number="J-2"),
                    doc(DocumentKind.MARRIAGE_CERTIFICATE, "2024-01-05", number="J-copy"))
    spouse = PersonRecords(Applicant("Li", "Hua", id=spouse_id),
                           PersonProfile(spouse_id, Citizenship.PR_HOLDER, AID, RecRelation.SPOUSE))
    built = facts_from_records(records(documents=certificates), [spouse], TODAY)
    assert built.facts.marriage == Marriage(D("2019-06-03"), PersonStatus.PR_HOLDER)
    assert any("issue date of the marriage certificate J-2 (2019-06-03)" in n for n in built.notes)
    dated = dataclasses.replace(spouse, profile=dataclasses.replace(spouse.profile, married_on=D("2019-06-01")))
    built = facts_from_records(records(documents=certificates), [dated], TODAY)
    assert built.facts.marriage == Marriage(D("2019-06-01"), PersonStatus.PR_HOLDER)
    assert not any("marriage certificate" in n for n in built.notes)


def test_nothing_recorded_leaves_routes_unknown_naming_the_data(service: JuliuService):
    bare = service.save_applicant(Applicant("Nobody", "Known", "无名"))
    report = service.eligibility.assess(ApplicantId(bare.id), TODAY)
    missing = {r.route: r.missing for r in report.routes}
    assert "border crossings" in missing["pr-spouse"] and "marital status" not in missing["pr-spouse"]
    elderly = {c.id: c for c in next(r for r in report.routes if r.route == "pr-elderly").criteria}
    assert elderly["age_60"].verdict is Verdict.UNKNOWN and elderly["age_60"].missing == ("birth date",)
    assert elderly["joins_direct_relative"].verdict is Verdict.NOT_MET  # a principal joins no one
    assert "residence permit expiry" in missing["rp-renewal"] and "work permit expiry" in missing["wp-extension"]
    salary = next(r for r in report.routes if r.route == "pr-salary-tax")
    assert {c.id: c.verdict for c in salary.criteria}["work_4_years"] is Verdict.NOT_MET  # no employment recorded
    assert report.points is not None and report.points.category == "unknown"
    assert {"salary", "education", "age"} <= set(report.points.missing)


@pytest.mark.parametrize("change,route,criterion,named", [
    (dict(employment=(RecEmployment(AID, "某公司", start_date=None),)), "pr-salary-tax", "work_4_years",
     "employment history"),
    (dict(documents=(doc(DocumentKind.DEGREE, "2010-07-01"),)), "pr-chinese-origin-phd", "doctorate",
     "highest degree"),
    (dict(documents=(doc(DocumentKind.MARRIAGE_CERTIFICATE),)), "pr-spouse", "married_5_years", "marriage date"),
    (dict(income=(RecIncome(AID, 2025, Decimal(900000), Decimal(150000), "Hangzhou"),)), "pr-salary-tax",
     "wage_6x[2025]", "average wage Hangzhou 2025 (on_post or substitute non_private) in rules/wages.toml"),
    (dict(documents=(doc(DocumentKind.WORK_PERMIT, "2025-01-01", "2027-06-01", subtype="B"),)), "wp-extension",
     None, None),
])
def test_missing_data_makes_the_criterion_unknown_and_names_it(service: JuliuService, change: dict[str, Any],
                                                               route: str, criterion: str | None, named: str | None):
    built = facts_from_records(records(**change), [], TODAY, areas=["Beijing"])
    report = service.eligibility.assess_facts(built.facts, TODAY, [route])
    (result,) = report.routes
    if criterion is None:  # the work permit's expiry is known: the deadline is checked
        assert result.verdict is Verdict.MET and not result.missing
        return
    row = next(c for c in result.criteria if c.id == criterion)
    assert row.verdict is Verdict.UNKNOWN and named in row.missing, row


def test_degree_level_and_pr_card_and_home(service: JuliuService):
    documents = (doc(DocumentKind.DEGREE, "2008-07-01", subtype=DegreeLevel.BACHELOR.value),
                 doc(DocumentKind.DEGREE, "2013-07-01", subtype=DegreeLevel.DOCTORATE.value),
                 doc(DocumentKind.PR_CARD, "2020-03-01", "2030-02-28"),
                 doc(DocumentKind.LEASE, "2024-01-01", "2025-12-31"), doc(DocumentKind.BANK_DEPOSIT, "2026-10-01"))
    built = facts_from_records(records(documents=documents), [], TODAY).facts
    assert built.highest_degree is Degree.DOCTORATE
    assert built.pr is not None and built.pr.card_issue_date == D("2020-03-01") and built.pr.retention_approval is None
    assert built.livelihood_and_home is None  # the lease ran out before the date checked
    current = facts_from_records(records(documents=documents), [], D("2025-06-30")).facts
    assert current.livelihood_and_home is None  # the deposit certificate was not issued yet
    lease = doc(DocumentKind.LEASE, "2026-01-01", "2027-12-31")
    assert facts_from_records(records(documents=(*documents, lease)), [], TODAY).facts.livelihood_and_home is True


def test_no_recorded_crossing_is_unknown_presence_and_planned_trips_are_added():
    assert facts_from_records(records(), [], TODAY).facts.crossings is None
    planned_only = (Crossing(D("2027-01-01"), Direction.EXIT, planned=True),)
    assert facts_from_records(records(crossings=planned_only), [], TODAY).facts.crossings is None
    entry = Crossing(D("2020-01-01"), Direction.ENTRY)
    trip = [Crossing(D("2027-02-01"), Direction.EXIT, planned=True), Crossing(D("2027-03-01"), Direction.ENTRY,
                                                                             planned=True)]
    built = facts_from_records(records(crossings=(entry,)), [], TODAY, planned=trip).facts
    assert built.crossings == (entry, *trip)
    assert built.employment == () and built.income == () and built.family is None
