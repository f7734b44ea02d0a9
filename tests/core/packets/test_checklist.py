"""Checklist statuses on the filing date and the pre-flight findings (DOMAIN §5, worked cases 23 and 24)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.packets.builder import build_content
from core.packets.checklist import DocumentFacts, add_months, build_checklist
from core.packets.content import Criterion, EligibilitySummary, ItemStatus, Severity, Text, Verdict
from core.packets.plan import plan_packet
from core.packets.records.facts import PacketFacts


def plan(kind: str = "pr_salary_tax", filing: dt.date = dt.date(2025, 7, 15), **kw: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {"age": 40, "permit_months": 24, "ncr_countries": ("GBR",)} | kw
    return plan_packet(PacketFacts(kind=kind, filing_date=filing, **values))  # type: ignore[arg-type]


def status(kind: str, filing: dt.date, key: str, doc: DocumentFacts, **kw: object) -> tuple[ItemStatus, str]:
    rows = {r.key: r for r in build_checklist(plan(kind, filing, **kw), {doc.key: doc}).rows}
    return rows[key].status, rows[key].validity.en


@pytest.mark.parametrize("filing,expected", [
    (dt.date(2025, 7, 10), ItemStatus.HAVE),
    (dt.date(2025, 7, 15), ItemStatus.EXPIRED),  # case 23: 6 months from the issue date, not the apostille
])
def test_ncr_validity_counts_from_the_issue_date(filing: dt.date, expected: ItemStatus) -> None:
    doc = DocumentFacts("ncr", "NCR-1", issue_date=dt.date(2025, 1, 10), legalised_date=dt.date(2025, 2, 20))
    found, validity = status("pr_salary_tax", filing, "ncr:GBR", doc)
    assert found is expected
    assert "2025-07-10" in validity


def test_beijing_also_times_the_apostille() -> None:
    doc = DocumentFacts("ncr:GBR", issue_date=dt.date(2025, 6, 1), legalised_date=dt.date(2024, 12, 1))
    assert status("pr_salary_tax", dt.date(2025, 7, 15), "ncr:GBR", doc)[0] is ItemStatus.HAVE
    found, validity = status("pr_salary_tax", dt.date(2025, 7, 15), "ncr:GBR", doc, city="beijing")
    assert found is ItemStatus.EXPIRED and "2025-06-01" in validity


@pytest.mark.parametrize("filing,expected", [
    (dt.date(2025, 8, 30), ItemStatus.HAVE),  # case 24
    (dt.date(2025, 9, 1), ItemStatus.HAVE),
    (dt.date(2025, 9, 2), ItemStatus.EXPIRED),
])
def test_medical_verification_valid_six_months(filing: dt.date, expected: ItemStatus) -> None:
    doc = DocumentFacts("medical_verification", issue_date=dt.date(2025, 3, 1))
    assert status("rp_work_renewal", filing, "medical_verification", doc)[0] is expected


def test_expiry_date_before_filing_is_expired_and_month_windows_clamp() -> None:
    doc = DocumentFacts("passport", "E1", dt.date(2015, 1, 1), dt.date(2025, 7, 14))
    assert status("pr_salary_tax", dt.date(2025, 7, 15), "passport", doc)[0] is ItemStatus.EXPIRED
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)


def test_missing_and_not_applicable_rows() -> None:
    rows = {r.key: r for r in build_checklist(plan("rp_work_renewal", age=71), {}).rows}
    assert rows["passport"].status is ItemStatus.MISSING
    assert rows["medical_verification"].status is ItemStatus.NOT_APPLICABLE


def _findings(**kw: object):  # type: ignore[no-untyped-def]
    p = plan("rp_work_renewal", dt.date(2026, 12, 1))
    docs = {"passport": DocumentFacts("passport", "E1", dt.date(2019, 1, 1), dt.date(2027, 6, 1), None,
                                      "WANG Xiaoming"),
            "medical_verification": DocumentFacts("medical_verification", issue_date=dt.date(2026, 6, 10)),
            "work_permit": DocumentFacts("work_permit", "WP1", name_on_document="Wang, Xiao-Ming")}
    defaults: dict[str, object] = {"applicant_name": "WANG Xiaoming", "applicant": (), "documents": docs,
                                   "generated_on": dt.date(2026, 11, 22), "passport_name": "WANG Xiaoming",
                                   "passport_expiry": dt.date(2027, 6, 1)}
    return build_content(p, **(defaults | kw)).findings  # type: ignore[arg-type]


def test_preflight_lists_missing_items_as_blockers_and_skips_optional_ones() -> None:
    findings = _findings()
    blockers = {f.item_key for f in findings if f.severity is Severity.BLOCKER}
    assert {"accommodation_registration", "employer_verification"} <= blockers
    assert not {"photo_receipt", "passport", "application_form"} & blockers  # optional, held, pre-filled
    # no record kind holds photos: a reminder to prepare them, never a blocker --strict could not get past
    photos = next(f for f in findings if f.item_key == "photos")
    assert photos.severity is Severity.WARNING and photos.message.en.startswith("To prepare")
    assert findings[0].severity is Severity.BLOCKER  # blockers first


def test_preflight_warns_of_a_passport_shorter_than_the_requested_term() -> None:
    warning = next(f for f in _findings() if f.item_key == "passport")
    assert "2027-06-01" in warning.message.en and "24-month" in warning.message.en
    assert not [f for f in _findings(passport_expiry=dt.date(2029, 1, 1)) if f.item_key == "passport"]


def test_preflight_warns_of_documents_lapsing_during_processing() -> None:
    lapsing = [f for f in _findings(processing_end=dt.date(2026, 12, 22)) if f.item_key == "medical_verification"]
    assert len(lapsing) == 1 and "2026-12-10" in lapsing[0].message.en
    assert lapsing[0].severity is Severity.WARNING


def test_preflight_compares_name_spellings_ignoring_case_and_punctuation() -> None:
    assert not [f for f in _findings() if "spelt" in f.message.en]
    docs = {"work_permit": DocumentFacts("work_permit", "WP1", name_on_document="WANG Xiaomin")}
    odd = [f for f in _findings(documents=docs) if "spelt" in f.message.en]
    assert len(odd) == 1 and odd[0].item_key == "work_permit"


def test_preflight_blocks_on_route_criteria_not_met() -> None:
    summary = EligibilitySummary(Text("工资性收入", "Salary route"), Verdict.NOT_MET, (
        Criterion(Text("每年在华6个月", "6 months a year in China"), Verdict.NOT_MET),
        Criterion(Text("纳税", "Tax paid"), Verdict.BORDERLINE),
        Criterion(Text("工资", "Wage"), Verdict.MET),
    ))
    findings = [f for f in _findings(eligibility=summary) if "route" in f.message.en]
    assert [(f.severity, f.message.en) for f in findings] == [
        (Severity.BLOCKER, "Salary route: 6 months a year in China not met"),
        (Severity.WARNING, "Salary route: Tax paid borderline"),
    ]


def test_the_application_form_the_packet_prefills_is_not_missing() -> None:
    content = build_content(plan("rp_work_renewal", dt.date(2026, 12, 1)), applicant_name="WANG", applicant=(),
                            generated_on=dt.date(2026, 11, 22))
    assert content.checklist is not None
    row = next(r for r in content.checklist.rows if r.key == "application_form")
    assert row.status is ItemStatus.HAVE and "sign" in row.validity.en
    pr = build_content(plan("pr_salary_tax"), applicant_name="WANG", applicant=(), generated_on=dt.date(2025, 7, 1))
    assert pr.checklist is not None  # a preparation sheet is not the official form: still to be obtained
    assert next(r for r in pr.checklist.rows if r.key == "pr_application_form").status is ItemStatus.MISSING


# --- issue 10 §1: every date judged on the filing date ---------------------------------------------------------

def test_a_document_issued_after_the_filing_date_is_not_yet_issued_and_blocks() -> None:
    doc = DocumentFacts("medical_verification", "HC-1", issue_date=dt.date(2026, 10, 20))
    found, validity = status("rp_work_renewal", dt.date(2026, 1, 15), "medical_verification", doc)
    assert found is ItemStatus.NOT_YET_ISSUED and "2026-10-20" in validity and "2026-01-15" in validity
    later = DocumentFacts("medical_verification", "HC-1", issue_date=dt.date(2027, 1, 5))
    findings = _findings(documents={"medical_verification": later})  # filed 2026-12-01
    ours = [f for f in findings if f.item_key == "medical_verification"]
    assert ours and ours[0].severity is Severity.BLOCKER and "not yet issued" in ours[0].message.en


def test_an_apostille_after_the_filing_date_is_not_yet_issued_and_its_date_is_printed() -> None:
    later = DocumentFacts("ncr", "N", issue_date=dt.date(2025, 5, 1), legalised_date=dt.date(2025, 8, 1))
    assert status("pr_salary_tax", dt.date(2025, 7, 15), "ncr:GBR", later)[0] is ItemStatus.NOT_YET_ISSUED
    ok = DocumentFacts("ncr", "N", issue_date=dt.date(2025, 5, 1), legalised_date=dt.date(2025, 6, 1))
    found, validity = status("pr_salary_tax", dt.date(2025, 7, 15), "ncr:GBR", ok, city="beijing")
    assert found is ItemStatus.HAVE and "apostille/legalisation dated 2025-06-01" in validity


def test_a_filing_date_before_today_is_a_warning_on_the_cover() -> None:
    p = plan("rp_work_renewal", dt.date(2026, 1, 15))
    past = build_content(p, applicant_name="A", applicant=(), generated_on=dt.date(2026, 11, 22)).findings
    assert any(f.severity is Severity.WARNING and "2026-01-15" in f.message.en and "before the day" in f.message.en
               for f in past)
    now = build_content(p, applicant_name="A", applicant=(), generated_on=dt.date(2026, 1, 15)).findings
    assert not any("before the day" in f.message.en for f in now)


def test_an_issue_window_judged_at_acceptance_need_not_last_to_the_decision() -> None:
    """PR health certificate and NCR: "issued within 6 months before acceptance" (M2004, BJ-6x)."""
    p = plan("pr_salary_tax", dt.date(2026, 12, 1))
    docs = {"health_certificate": DocumentFacts("health_certificate", issue_date=dt.date(2026, 6, 10))}
    content = build_content(p, applicant_name="A", applicant=(), generated_on=dt.date(2026, 11, 22),
                            documents=docs, processing_end=dt.date(2027, 3, 1))
    assert not [f for f in content.findings if f.item_key == "health_certificate"]
    assert p.item("health_certificate").judged_at == "acceptance"
    assert plan("rp_work_renewal").item("medical_verification").judged_at == "decision"
