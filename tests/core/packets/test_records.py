"""Packets from stored records (service.packets): facts, the documents behind each row, form values, summaries
and the pre-flight check on the example cases, in a real database."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from core.errors import InputError
from core.packets.content import ChecklistRow, Finding, ItemStatus, Severity, Verdict
from core.packets.records.facts import age_on
from core.records.identity import ApplicantId
from core.records.model import Document, DocumentKind
from core.services.facade import JuliuService
from core.services.packets import KindRefused, PreparedPacket
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person, person_id

TAN, CLAIRE, LEO, ZHANG, KIM = "陈伟明", "杜可蕾", "张乐", "张伟", "金敏俊"
KIM_PR_FILING = dt.date(2027, 3, 1)  # KIM entered on 2024-01-15: PR work routes are offered 3 years on (#10)


def extend_kims_work_permit(service: JuliuService) -> None:
    """KIM's work permit, extended in time (2027-01-05 – 2029-01-04), so his salary route applies on KIM_PR_FILING
    (3 years after his first entry) while still not met (4 years of work only from 2028)."""
    service.records.save_document(Document(person_id(service, KIM), DocumentKind.WORK_PERMIT, "440300202701050077",
                                           issue_date=dt.date(2027, 1, 5), expiry_date=dt.date(2029, 1, 4),
                                           subtype="B"))


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def prepare(service: JuliuService, name: str, kind: str, **kw: object) -> PreparedPacket:
    return service.packets.prepare(person_id(service, name), kind, today=TODAY, **kw)  # type: ignore[arg-type]


def rows(prepared: PreparedPacket) -> dict[str, ChecklistRow]:
    assert prepared.content.checklist is not None
    return {r.key: r for r in prepared.content.checklist.rows}


def about(prepared: PreparedPacket, key: str) -> list[Finding]:
    return [f for f in prepared.content.findings if f.item_key == key]


def edit(service: JuliuService, name: str, kind: DocumentKind, **changes: object) -> Document:
    doc = next(d for d in service.records.list_documents(person_id(service, name)) if d.kind is kind)
    saved, _warnings = service.records.save_document(dataclasses.replace(doc, **changes))  # type: ignore[arg-type]
    return saved


def test_suggested_kinds_follow_the_records(cases: JuliuService) -> None:
    suggested = {name: cases.packets.suggested_kinds(person_id(cases, name), TODAY)
                 for name in (TAN, CLAIRE, LEO, ZHANG, KIM)}
    assert suggested == {
        TAN: ["rp_work_renewal", "wp_extension", "pr_salary_tax", "pr_position"],  # work RP, WP A, deputy GM
        CLAIRE: ["rp_family_renewal", "pr_spouse"],  # family-reunion RP, Chinese husband
        LEO: ["rp_family_renewal", "pr_child"],  # aged 7, Chinese father
        ZHANG: [],  # a Chinese citizen files nothing
        KIM: ["rp_work_renewal", "wp_extension", "pr_salary_tax"],
    }


def test_facts_come_from_the_records_and_assumptions_are_said(cases: JuliuService) -> None:
    spouse = prepare(cases, CLAIRE, "pr_spouse")
    facts = spouse.plan.facts
    assert (facts.city, facts.sponsor_is_chinese, facts.relationship) == ("shanghai", True, "spouse")
    assert not facts.marriage_registered_abroad  # the certificate was issued in Shanghai
    assert facts.age == age_on(person(cases, CLAIRE).birth_date, TODAY)  # type: ignore[arg-type]
    assert facts.ncr_countries == ("FRA",)  # no NCR recorded: the nationality, and the cover says so
    assert any("nationality" in f.message.en and f.severity is Severity.INFO for f in about(spouse, "ncr"))
    tan = prepare(cases, TAN, "pr_salary_tax", city="")
    assert (tan.plan.facts.ncr_countries, tan.plan.facts.wp_category, tan.plan.facts.city) == (("SGP",), "A", "")
    kim = prepare(cases, KIM, "rp_work_renewal").plan.facts
    assert (kim.permit_months, kim.city) == (36, "shenzhen")  # the current permit's term, 2024-01 to 2027-01


def test_spouse_route_lists_the_marriage_certificate_and_the_chinese_spouses_hukou(cases: JuliuService) -> None:
    checklist = rows(prepare(cases, CLAIRE, "pr_spouse"))
    marriage = checklist["marriage_certificate"]
    assert (marriage.status, marriage.document_number) == (ItemStatus.HAVE, "J310105-2018-004127")
    assert not [key for key in checklist if key.endswith((":legalisation", ":translation"))]  # issued in China
    assert checklist["hukou"].status is ItemStatus.HAVE  # held by 张伟, the sponsor
    assert checklist["pr_card"].status is ItemStatus.NOT_APPLICABLE
    assert checklist["housing"].document_number == "SH-CN-2025-031188"  # the lease
    edit(cases, CLAIRE, DocumentKind.MARRIAGE_CERTIFICATE, issuing_country="FRA")
    abroad = prepare(cases, CLAIRE, "pr_spouse")
    assert abroad.plan.facts.marriage_registered_abroad
    assert rows(abroad)["marriage_certificate:legalisation"].status is ItemStatus.MISSING  # France: an apostille
    assert rows(abroad)["marriage_certificate:legalisation"].name.en.startswith("Apostille: Marriage certificate")
    assert rows(abroad)["marriage_certificate:translation"].status is ItemStatus.MISSING


@pytest.mark.parametrize("years,applies", [(70, True), (71, False)])
def test_work_rp_renewal_lists_the_health_check_only_up_to_70(cases: JuliuService, years: int,
                                                             applies: bool) -> None:
    kim = person(cases, KIM)
    birth = dt.date(TODAY.year - years, 1, 5)
    cases.save_applicant(dataclasses.replace(kim, birth_date=birth))
    prepared = prepare(cases, KIM, "rp_work_renewal")
    assert prepared.plan.facts.age == years
    medical = rows(prepared)["medical_verification"]
    assert (medical.status is not ItemStatus.NOT_APPLICABLE) == applies
    assert not about(prepared, "medical_verification")


def test_documents_expired_or_lapsing_during_processing(cases: JuliuService) -> None:
    lapsing = prepare(cases, KIM, "rp_work_renewal", filing_date=dt.date(2026, 12, 28))  # 15 working days on
    warning = [f for f in about(lapsing, "work_permit") if f.severity is Severity.WARNING and "lapses" in f.message.en]
    assert len(warning) == 1 and "2027-01-10" in warning[0].message.en
    assert rows(lapsing)["work_permit"].status is ItemStatus.HAVE
    assert not [f for f in about(prepare(cases, KIM, "rp_work_renewal", filing_date=dt.date(2026, 12, 1)),
                                 "work_permit") if "lapses" in f.message.en]
    # filed after the work permit lapsed, the renewal does not apply: the work permit comes first (issue 10 §2)
    with pytest.raises(KindRefused) as refused:
        prepare(cases, KIM, "rp_work_renewal", filing_date=dt.date(2027, 1, 11))
    assert any("work permit comes first" in r.reason.en for r in refused.value.refusals)


def test_passport_shorter_than_the_requested_term(cases: JuliuService) -> None:
    found = about(prepare(cases, KIM, "rp_work_renewal", permit_months=24), "passport")
    assert any("2027-04-30" in f.message.en and "24-month" in f.message.en for f in found)
    assert not [f for f in about(prepare(cases, CLAIRE, "rp_family_renewal", permit_months=24), "passport")]


def test_names_printed_on_documents_are_compared(cases: JuliuService) -> None:
    edit(cases, KIM, DocumentKind.WORK_PERMIT, notes="Name: Kim, Min-jun\n同岗位")
    assert not [f for f in about(prepare(cases, KIM, "rp_work_renewal"), "work_permit") if "spelt" in f.message.en]
    edit(cases, KIM, DocumentKind.WORK_PERMIT, notes="姓名：金民俊")  # hanzi: compared with the Chinese name
    odd = [f for f in about(prepare(cases, KIM, "rp_work_renewal"), "work_permit") if "spelt" in f.message.en]
    assert len(odd) == 1 and "金敏俊" in odd[0].message.zh
    edit(cases, ZHANG, DocumentKind.HUKOU, notes="姓名：章伟")  # the relative's document, against their record
    relative = about(prepare(cases, CLAIRE, "pr_spouse"), "hukou")
    assert len(relative) == 1 and "张伟" in relative[0].message.zh


def test_form_values_fill_the_replica_and_the_preparation_sheet(cases: JuliuService) -> None:
    replica = prepare(cases, KIM, "rp_work_renewal").content.forms[0]
    cells = {c.label.en: c for row in replica.rows for c in row.cells}
    assert cells["Passport No."].value == "M73019425" and cells["Name in Chinese"].value == "金敏俊"
    assert [o.label.en for o in cells["Type"].options if o.checked] == ["Employee"]
    assert [o.label.en for o in cells["Renew / reissue"].options if o.checked] == ["Renew"]
    assert cells["Valid until"].value in ("2027/04/30", "2027/01/10")  # the term, cut at the passport's expiry
    prep = prepare(cases, TAN, "pr_salary_tax").content.forms[0]
    tables = [c for row in prep.rows for c in row.cells if c.type == "table"]
    resume, _family, residence = tables
    assert any("北京云启智能科技有限公司" in cell for row in resume.rows for cell in row)
    assert residence.rows[-1][:2] == ("2022-04-16", "至今 now")  # the recorded residence history, latest last
    assert residence.rows[0][2] == "新加坡 SGP"
    category = next(c for row in prep.rows for c in row.cells if c.label.en == "Category applied for")
    assert [o.label.en for o in category.options if o.checked] == ["Salary and tax"]


def test_presence_summary_counts_match_the_travel_service(cases: JuliuService) -> None:
    prepared = prepare(cases, TAN, "pr_salary_tax")
    presence = prepared.content.presence
    assert presence is not None and len(presence.rolling_years) == 4
    windows = cases.travel.rolling(person_id(cases, TAN), TODAY, 4, TODAY)
    assert [(r.calendar_days, r.full_days) for r in presence.rolling_years] == \
        [(w.calendar_days, w.full_days) for w in reversed(windows)]
    days = int(cases.settings()["presence_days_6_months"])
    assert all(r.required_days == days for r in presence.rolling_years)
    assert all((r.verdict is Verdict.MET) == (r.calendar_days >= days and r.full_days >= days)
               for r in presence.rolling_years)
    assert prepare(cases, KIM, "rp_work_renewal").content.presence.rolling_years[0].required_days is None  # type: ignore[union-attr]


def test_income_against_six_times_and_twenty_percent(cases: JuliuService) -> None:
    cases.set_setting("elig_wage_year_reading", "each_year")  # 2022 income against Beijing's 2021 wage
    income = prepare(cases, TAN, "pr_salary_tax").content.income
    assert income is not None
    y2022 = next(r for r in income.rows if r.year == 2022)
    assert (y2022.wage_threshold, y2022.tax_threshold) == (Decimal("1167906.00"), Decimal("233581.20"))  # case 15
    assert y2022.wage_verdict is Verdict.BORDERLINE  # non-private figure standing in for on-post
    assert any("194,651.00" in b.en for b in income.basis)
    assert prepare(cases, KIM, "rp_work_renewal").content.income is None


def test_scans_follow_the_checklist_order(cases: JuliuService) -> None:
    prepared = prepare(cases, TAN, "pr_salary_tax")
    order = [r.key for r in rows(prepared).values()]
    keys = [a.key for a in prepared.content.attachments]
    assert keys == sorted(keys, key=order.index) and "passport" in keys
    magic = {"application/pdf": b"%PDF", "image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8"}
    assert all(a.data.startswith(magic[a.media_type]) for a in prepared.content.attachments)


def test_attaching_a_scan_to_a_missing_row_creates_its_document(cases: JuliuService, tmp_path) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "letter.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    prepared = prepare(cases, KIM, "rp_work_renewal")
    assert rows(prepared)["employer_verification"].status is ItemStatus.MISSING
    cases.packets.attach_scan(prepared, "employer_verification", scan)
    kim: ApplicantId = person_id(cases, KIM)
    letters = [d for d in cases.records.list_documents(kim) if d.kind is DocumentKind.EMPLOYER_VERIFICATION]
    assert len(letters) == 1 and len(cases.records.list_attachments(document_id=letters[0].id)) == 1
    again = prepare(cases, KIM, "rp_work_renewal")
    assert rows(again)["employer_verification"].status is ItemStatus.HAVE
    assert [a.key for a in again.content.attachments].count("employer_verification") == 1


def test_attaching_an_unreadable_scan_creates_no_document(cases: JuliuService, tmp_path) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "letter.gif"
    scan.write_bytes(b"GIF89a....")
    prepared = prepare(cases, KIM, "rp_work_renewal")
    kim: ApplicantId = person_id(cases, KIM)
    before = cases.records.list_documents(kim)
    with pytest.raises(InputError, match="not a PDF, JPEG or PNG"):
        cases.packets.attach_scan(prepared, "employer_verification", scan)
    assert cases.records.list_documents(kim) == before


def test_route_criteria_not_met_are_blockers(cases: JuliuService) -> None:
    extend_kims_work_permit(cases)
    prepared = prepare(cases, KIM, "pr_salary_tax", filing_date=KIM_PR_FILING)
    eligibility = prepared.content.eligibility
    route = cases.eligibility.assess(person_id(cases, KIM), KIM_PR_FILING, route_ids=["pr-salary-tax"]).routes[0]
    assert eligibility is not None and eligibility.verdict.value == route.verdict.value == "not_met"
    failed = {c.label_en for c in route.criteria if c.verdict.value == "not_met"}
    blockers = [f.message.en for f in prepared.blockers if f.message.en.startswith(route.name_en)]
    assert failed and all(any(label in b for b in blockers) for label in failed)
    assert prepared.content.findings[0].severity is Severity.BLOCKER


def test_processing_end_without_an_official_calendar_says_so(cases: JuliuService) -> None:
    later = prepare(cases, KIM, "rp_work_renewal", filing_date=dt.date(2026, 12, 28))  # runs into 2027: no calendar
    notes = [f for f in later.content.findings if "Monday to Friday" in f.message.en]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO and "2027" in notes[0].message.zh
    assert not [f for f in prepare(cases, KIM, "rp_work_renewal").content.findings
                if "Monday to Friday" in f.message.en]


@pytest.mark.parametrize("subtype,ticked", [("family_reunion", "团聚"), ("personal_affairs", "私人事务")])
def test_family_renewal_ticks_the_purpose_of_the_permit_held(cases: JuliuService, subtype: str, ticked: str) -> None:
    edit(cases, CLAIRE, DocumentKind.RESIDENCE_PERMIT, subtype=subtype)
    prepared = prepare(cases, CLAIRE, "rp_family_renewal")
    (kinds,) = [c for form in prepared.content.forms for row in form.rows for c in row.cells
                if c.type == "choice" and c.label.en == "Type"]
    assert [o.label.zh for o in kinds.options if o.checked] == [ticked]
