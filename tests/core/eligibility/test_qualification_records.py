"""Qualifications, investments and recommendation letters as stored records (issue 11 item 6): saved and read back
from a real SQLite store, validated, carried by case files, and read by points and the investor, contribution,
talent and local routes. Expected figures come from DOMAIN (case 25 for points, case 29 for the investor route)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import InputError
from core.i18n import set_locale
from core.records.identity import Applicant, ApplicantId, Crossing, Direction
from core.records.model import DegreeLevel, Document, DocumentKind, Employment, IncomeYear
from core.records.qualifications import (
    CategoryABasis,
    EliteItem,
    Investment,
    InvestmentKind,
    Qualifications,
    Recommendation,
    RecommendationPurpose,
    Recommender,
    Region,
)
from core.services.facade import JuliuService

AS_OF = dt.date(2026, 6, 30)
D = dt.date.fromisoformat


def applicant(service: JuliuService, city: str = "Shanghai", birth: str = "1991-01-15") -> ApplicantId:
    saved = service.save_applicant(Applicant("Moreau", "Jean", city=city, birth_date=D(birth), nationality="FRA"))
    assert saved.id is not None
    return saved.id


def case_25(service: JuliuService, who: ApplicantId, **changes: object) -> Qualifications:
    """DOMAIN case 25: salary 300,000; master's; 6 years' experience; 12 months in China; HSK4; eastern city;
    age 35; Fortune 500 experience; no local points."""
    service.records.save_document(Document(who, DocumentKind.DEGREE, subtype=DegreeLevel.MASTER.value))
    service.records.save_income(IncomeYear(who, 2025, Decimal(300000), Decimal(40000), "Shanghai"))
    q = Qualifications(who, experience_years=6, months_in_china=12, hsk_level=4, former_chinese_national=False,
                       degree_taught_in_chinese=False, work_region=Region.EASTERN, elite=(EliteItem.FORTUNE500,),
                       category_a=CategoryABasis.NONE, local_points=0)
    return service.qualifications.save(dataclasses.replace(q, **changes))


def test_qualifications_round_trip_keeping_unknown_apart_from_none(service: JuliuService):
    who = applicant(service)
    assert service.qualifications.get(who) == Qualifications(who)  # nothing recorded: every field None
    q = Qualifications(who, 3, 9, 0, True, None, Region.WESTERN, (), CategoryABasis.TALENT_PROGRAMME, 10, True,
                       False, True, False)
    service.qualifications.save(q)
    assert service.qualifications.get(who) == q
    again = dataclasses.replace(q, elite=None, hsk_level=None, good_tax_record=None)
    service.qualifications.save(again)
    assert service.qualifications.get(who) == again
    inv = service.qualifications.save_investment(Investment(who, Decimal("600000.50"), D("2020-03-01"),
                                                            Region.CENTRAL, InvestmentKind.EQUIPMENT, None, "ACME"))
    letter = service.qualifications.save_recommendation(Recommendation(
        who, Recommender.ZGC_COMMITTEE, RecommendationPurpose.ZGC_POINTS, "中关村管委会", D("2025-05-05")))
    assert service.qualifications.list_investments(who) == [inv]
    assert service.qualifications.list_recommendations(who) == [letter]
    service.qualifications.delete("investment", int(inv.id or 0))
    assert service.qualifications.list_investments(who) == []


@pytest.mark.parametrize("changes,field", [
    ({"hsk_level": 7}, "hsk_level"), ({"months_in_china": 13}, "months_in_china"),
    ({"local_points": 11}, "local_points"), ({"experience_years": -1}, "experience_years"),
    ({"elite": (EliteItem.PATENTS, EliteItem.PATENTS)}, "elite"),
])
def test_bad_qualifications_name_the_field_and_change_nothing(service: JuliuService, changes: dict, field: str):
    who = applicant(service)
    with pytest.raises(InputError) as caught:
        service.qualifications.save(Qualifications(who, **{"hsk_level": 2, **changes}))
    assert [p.field for p in caught.value.problems] == [field]
    assert service.qualifications.get(who) == Qualifications(who)


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("-5"), Decimal("10.001")])
def test_bad_investment_amounts_are_refused(service: JuliuService, amount: Decimal):
    who = applicant(service)
    with pytest.raises(InputError) as caught:
        service.qualifications.save_investment(Investment(who, amount))
    assert caught.value.problems[0].field == "amount_usd"
    assert service.qualifications.list_investments(who) == []


def test_case_file_round_trip_and_a_bad_value_named_by_json_path(service: JuliuService, tmp_path: Path):
    who = applicant(service)
    case_25(service, who, good_tax_record=True, investments_complete=True)
    service.records.save_employment(Employment(who, "张江实验室", start_date=D("2020-01-01"), city="Shanghai",
                                               zone="pudong"))
    service.qualifications.save_investment(Investment(who, Decimal(1200000), D("2021-01-01"), Region.EASTERN))
    service.qualifications.save_recommendation(Recommendation(who, Recommender.EMPLOYER,
                                                              RecommendationPurpose.EMPLOYER, "ACME"))
    path = tmp_path / "case.json"
    service.records.export_case(who, path)
    value = json.loads(path.read_text(encoding="utf-8"))
    assert value["qualifications"][0]["elite"] == ["fortune500"] and value["employment"][0]["zone"] == "pudong"
    (again,) = service.records.import_case(path)
    first, second = service.records.case_json(who), service.records.case_json(again)
    assert first == second
    assert service.qualifications.get(again) == dataclasses.replace(service.qualifications.get(who),
                                                                    applicant_id=again)
    value["qualifications"][0]["hsk_level"] = 9
    value["investments"][0]["region"] = "north"
    path.write_text(json.dumps(value), encoding="utf-8")
    before = len(service.list_applicants())
    with pytest.raises(InputError) as caught:
        service.records.import_case(path)
    fields = {p.field for p in caught.value.problems}
    assert {"$.qualifications[0].hsk_level", "$.investments[0].region"} <= fields
    assert len(service.list_applicants()) == before


def test_points_total_from_stored_records_domain_case_25(service: JuliuService):
    who = applicant(service, birth="1991-01-15")  # 35 on the as-of date
    case_25(service, who)
    result = service.eligibility.points(who, AS_OF)
    assert (result.total, result.max_total, result.category, result.missing) == (77, 77, "B", ())
    older = applicant(service, birth="1980-01-15")  # 46: 72, still B
    case_25(service, older)
    assert (service.eligibility.points(older, AS_OF).total, service.eligibility.points(older, AS_OF).category) \
        == (72, "B")


def test_points_name_each_missing_factor_by_its_translated_label(service: JuliuService):
    who = applicant(service)
    case_25(service, who, hsk_level=None, former_chinese_national=None, degree_taught_in_chinese=None,
            local_points=None)
    result = service.eligibility.points(who, AS_OF)
    assert (result.total, result.max_total) == (73, 88)
    assert result.missing_labels() == ("Chinese language", "Local encouragement (set by the province)")
    notes = " ".join(line.note for line in result.lines)
    assert "hsk_level" not in notes and "local_points" not in notes and "Not recorded: Chinese language." in notes
    set_locale("zh_CN")
    try:
        assert service.eligibility.points(who, AS_OF).missing_labels() == ("汉语水平", "地方鼓励性加分（省级确定）")
    finally:
        set_locale("en")


def verdicts(service: JuliuService, who: ApplicantId, *routes: str, as_of: dt.date = AS_OF) -> dict[str, str]:
    report = service.eligibility.assess(who, as_of, route_ids=list(routes))
    return {r.route: r.verdict.value for r in report.routes}


def test_investor_route_judged_from_stored_investments_domain_case_29(service: JuliuService):
    who = applicant(service)
    assert verdicts(service, who, "pr-investor") == {"pr-investor": "unknown"}  # nothing recorded
    service.qualifications.save(Qualifications(who, good_tax_record=True, investments_complete=True))
    assert verdicts(service, who, "pr-investor") == {"pr-investor": "not_met"}  # none, and the list is complete
    inv = service.qualifications.save_investment(Investment(who, Decimal(600000), D("2021-01-01"), Region.EASTERN,
                                                            encouraged=False))
    assert verdicts(service, who, "pr-investor") == {"pr-investor": "not_met"}  # needs USD 2,000,000
    inv = service.qualifications.save_investment(dataclasses.replace(inv, encouraged=True))
    assert verdicts(service, who, "pr-investor") == {"pr-investor": "met"}  # encouraged: 500,000, stable 3 years
    service.qualifications.save_investment(dataclasses.replace(inv, kind=InvestmentKind.REAL_ESTATE))
    assert verdicts(service, who, "pr-investor") == {"pr-investor": "not_met"}  # real estate does not count
    facts = service.eligibility.facts(who, AS_OF)
    assert any("real estate" in n for n in facts.notes)


@pytest.mark.parametrize("route,recommender,purpose", [
    ("pr-major-contribution", Recommender.NATIONAL_AUTHORITY, RecommendationPurpose.MAJOR_CONTRIBUTION),
    ("pr-talent-recommended", Recommender.PROVINCIAL_GOVERNMENT, RecommendationPurpose.HIGH_LEVEL_TALENT),
    ("pr-talent-recommended", Recommender.KEY_ZONE, RecommendationPurpose.HIGH_LEVEL_TALENT),
])
def test_contribution_and_talent_routes_judged_from_stored_letters(service: JuliuService, route: str,
                                                                   recommender: Recommender,
                                                                   purpose: RecommendationPurpose):
    who = applicant(service)
    assert verdicts(service, who, route) == {route: "unknown"}
    service.qualifications.save(Qualifications(who, recommendations_complete=True))
    assert verdicts(service, who, route) == {route: "not_met"}
    service.qualifications.save_recommendation(Recommendation(who, Recommender.EMPLOYER, purpose, "ACME"))
    assert verdicts(service, who, route) == {route: "not_met"}  # an employer cannot recommend for this
    service.qualifications.save_recommendation(Recommendation(who, recommender, purpose, "", D("2026-07-15")))
    assert verdicts(service, who, route) == {route: "not_met"}  # issued after the as-of date
    assert verdicts(service, who, route, as_of=D("2026-07-15")) == {route: "met"}


def test_employer_zone_selects_zhongguancun_and_the_committee_letter_meets_its_points_route(service: JuliuService):
    who = applicant(service, city="")
    service.records.save_employment(Employment(who, "中关村某公司", start_date=D("2022-01-01"), city="Beijing",
                                               zone="zhongguancun"))
    listed = {r.route for r in service.eligibility.assess(who, AS_OF).routes}
    assert {"pr-zgc-points", "pr-zgc-chinese-origin-phd", "pr-chinese-origin-long-term"} <= listed
    assert verdicts(service, who, "pr-zgc-points") == {"pr-zgc-points": "unknown"}
    service.qualifications.save_recommendation(Recommendation(who, Recommender.ZGC_COMMITTEE,
                                                              RecommendationPurpose.ZGC_POINTS))
    assert verdicts(service, who, "pr-zgc-points") == {"pr-zgc-points": "met"}
    assert "Employer's zone: Zhongguancun (中关村某公司)." in service.eligibility.facts(who, AS_OF).notes


def test_gba_points_route_from_a_talent_authority_letter(service: JuliuService):
    who = applicant(service, city="深圳 Shenzhen")
    service.records.save_employment(Employment(who, "前海某公司", start_date=D("2023-01-01"), zone="qianhai"))
    assert "pr-gba-points" in {r.route for r in service.eligibility.assess(who, AS_OF).routes}
    assert verdicts(service, who, "pr-gba-points") == {"pr-gba-points": "unknown"}
    service.qualifications.save_recommendation(Recommendation(who, Recommender.GBA_AUTHORITY,
                                                              RecommendationPurpose.GBA_POINTS))
    assert verdicts(service, who, "pr-gba-points") == {"pr-gba-points": "met"}


def test_retention_approval_is_read_into_the_pr_status(service: JuliuService):
    who = applicant(service)
    service.records.save_document(Document(who, DocumentKind.PR_CARD, "USA110012345678",
                                           issue_date=D("2020-01-01"), expiry_date=D("2030-01-01")))
    assert service.eligibility.facts(who, AS_OF).facts.pr.retention_approval is None
    service.qualifications.save(Qualifications(who, retention_approval=True))
    assert service.eligibility.facts(who, AS_OF).facts.pr.retention_approval is True


def test_employer_letter_counts_as_the_employer_recommendation(service: JuliuService):
    who = applicant(service, city="Beijing")
    service.add_crossings(who, [Crossing(D("2014-01-01"), Direction.ENTRY)])
    service.records.save_employment(Employment(who, "北京某公司", start_date=D("2014-06-01")))
    for year in range(2015, 2019):
        service.records.save_income(IncomeYear(who, year, Decimal(520000), Decimal(110000), "Beijing"))
    filing = D("2019-06-30")
    assert verdicts(service, who, "pr-beijing-salary-2016", as_of=filing) == {"pr-beijing-salary-2016": "not_met"}
    service.qualifications.save_recommendation(Recommendation(who, Recommender.EMPLOYER,
                                                              RecommendationPurpose.EMPLOYER, "北京某公司"))
    assert verdicts(service, who, "pr-beijing-salary-2016", as_of=filing) == {"pr-beijing-salary-2016": "met"}


def test_route_notes_name_missing_data_in_the_users_language(service: JuliuService):
    who = applicant(service)
    (en,) = service.eligibility.assess(who, AS_OF, route_ids=["pr-investor"]).routes
    assert en.missing == ("investments", "good_tax_record")  # plain names for programs
    assert en.note.startswith("Missing: investments, good tax record.") and "good_tax_record" not in en.note
    set_locale("zh_CN")
    try:
        (zh,) = service.eligibility.assess(who, AS_OF, route_ids=["pr-investor"]).routes
    finally:
        set_locale("en")
    assert zh.note.startswith("缺少：投资、纳税记录良好") and "good_tax_record" not in zh.note
