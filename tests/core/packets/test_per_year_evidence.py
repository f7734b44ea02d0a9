"""Evidence for each of N years (issue 10 §5): one checklist row per year of a kind's `each_year` item, naming the
year and the stored document that covers it, each with its own status on the filing date."""
from __future__ import annotations

import datetime as dt

import pytest

from core.eligibility.book import load_rule_book
from core.packets.content import ItemStatus
from core.packets.kinds.layers import load_templates
from core.packets.records.years import certificates_of, gaps
from core.records.identity import ApplicantId
from core.records.model import Document, DocumentId, DocumentKind
from core.ruledata.loader import load_setting_defs
from core.services.facade import JuliuService
from tests.core.packet_cases import person_id
from tests.core.packets.test_records import TAN, cases, prepare, rows  # noqa: F401 (cases is a fixture)
from tests.core.records_factory import person

# (kind, filing date, row key, status, document number or "", words in the row's validity / name)
EXPECTED = [
    ("pr_salary_tax", None, "residence_permit:2022", ItemStatus.HAVE, "Y110108210031", "covers all of 2022"),
    ("pr_salary_tax", None, "residence_permit:2023", ItemStatus.HAVE, "Y110108230019",
     "covers all of 2023 (with Y110108210031)"),  # the 2021 permit ran to 2023-02-09
    ("pr_salary_tax", None, "residence_permit:2025", ItemStatus.HAVE, "Y110108250012", "covers all of 2025"),
    ("pr_salary_tax", None, "work_permit:2024", ItemStatus.HAVE, "110100201907000123", "covers all of 2024"),
    ("pr_salary_tax", None, "wage_certificate:2022", ItemStatus.HAVE, "", "certifies tax year 2022"),
    ("pr_salary_tax", None, "tax_certificate:2025", ItemStatus.HAVE, "", "certifies tax year 2025"),
    ("pr_salary_tax", dt.date(2027, 1, 15), "tax_certificate:2026", ItemStatus.MISSING, "", ""),
    ("pr_salary_tax", dt.date(2027, 1, 15), "residence_permit:2026", ItemStatus.HAVE, "Y110108250012", "2026"),
    ("pr_position", None, "tax_certificate:2023", ItemStatus.HAVE, "", "certifies tax year 2023"),
    ("pr_position", None, "work_permit:2022", ItemStatus.HAVE, "110100201907000123", "covers all of 2022"),
]


@pytest.mark.parametrize("kind,day,key,status,number,words", EXPECTED)
def test_one_row_per_year_names_the_year_and_its_document(cases: JuliuService, kind: str,  # noqa: F811
                                                          day: dt.date | None, key: str, status: ItemStatus,
                                                          number: str, words: str) -> None:
    checklist = rows(prepare(cases, TAN, kind, filing_date=day))
    row = checklist[key]
    assert (row.status, row.document_number) == (status, number)
    assert words in row.validity.en
    first = key.split(":")[1] == ("2022" if day is None else "2023")
    assert first or not row.notes  # the item's notes print once, on its first year
    assert not first or bool(row.notes) is (key != "work_permit:2022")  # pr_position's work permit has none
    year = key.split(":")[1]
    assert year in row.name.zh and year in row.name.en
    item = key.split(":")[0]
    assert item not in checklist  # no single row for all the years
    expected_years = ["2022", "2023", "2024", "2025"] if day is None else ["2023", "2024", "2025", "2026"]
    assert [k.split(":")[1] for k in checklist if k.startswith(item + ":")] == expected_years


def test_a_year_with_no_certificate_is_a_missing_row_in_chinese(cases: JuliuService) -> None:  # noqa: F811
    prepared = prepare(cases, TAN, "pr_salary_tax", filing_date=dt.date(2027, 1, 15))
    row = rows(prepared)["tax_certificate:2026"]
    assert row.name.zh == "2026年度个人所得税完税证明（纳税记录）"
    assert any(f.item_key == "tax_certificate:2026" and "2026年度个人所得税完税证明" in f.message.zh
               for f in prepared.content.findings)


def test_the_years_follow_the_income_years_setting(cases: JuliuService) -> None:  # noqa: F811
    cases.set_setting("elig_income_years_end", "filing_year")  # the years the eligibility page tests, too
    checklist = rows(prepare(cases, TAN, "pr_salary_tax"))
    assert [k for k in checklist if k.startswith("tax_certificate:")] == [
        f"tax_certificate:{y}" for y in (2023, 2024, 2025, 2026)]
    assert checklist["tax_certificate:2026"].status is ItemStatus.MISSING


def _drop(service: JuliuService, number: str) -> None:
    doc = next(d for d in service.records.list_documents(person_id(service, TAN)) if d.number == number)
    assert doc.id is not None
    service.records.delete_document(doc.id, doc.version)


def test_a_permit_gap_shows_on_the_years_it_leaves_uncovered(cases: JuliuService) -> None:  # noqa: F811
    _drop(cases, "Y110108230019")  # the 2023-2025 permit
    checklist = rows(prepare(cases, TAN, "pr_salary_tax"))
    assert checklist["residence_permit:2024"].status is ItemStatus.MISSING
    partial = checklist["residence_permit:2023"]
    assert (partial.status, partial.document_number) == (ItemStatus.HAVE, "Y110108210031")
    assert partial.validity.en == "2023 not covered: 2023-02-10 – 2023-12-31"
    assert partial.validity.zh == "2023年内未覆盖：2023-02-10 至 2023-12-31"
    assert checklist["residence_permit:2025"].validity.en == "2025 not covered: 2025-01-01 – 2025-02-09"


def test_a_certificate_issued_after_the_filing_date_is_not_yet_issued(cases: JuliuService) -> None:  # noqa: F811
    checklist = rows(prepare(cases, TAN, "pr_salary_tax", filing_date=dt.date(2026, 3, 1)))
    row = checklist["tax_certificate:2025"]  # issued 2026-03-10
    assert row.status is ItemStatus.NOT_YET_ISSUED and "2026-03-10" in row.validity.en


def test_each_years_scans_go_in_under_that_years_row(cases: JuliuService) -> None:  # noqa: F811
    prepared = prepare(cases, TAN, "pr_salary_tax")
    keys = [a.key for a in prepared.content.attachments]
    assert "tax_certificate:2025" in keys  # iit-2025.pdf
    assert keys.count("residence_permit:2025") == 1 and "residence_permit:2022" not in keys  # no scan stored


def _certificate(doc_id: int, notes: str, issued: dt.date) -> Document:
    return Document(ApplicantId(1), DocumentKind.TAX_CERTIFICATE, notes=notes, issue_date=issued,
                    id=DocumentId(doc_id))


@pytest.mark.parametrize("notes,year,found", [
    ("2023 年度个人所得税完税证明", 2023, True), ("2023年度完税证明", 2023, True),
    ("IIT certificate, tax year 2023", 2023, True), ("2023 年度个人所得税完税证明", 2024, False),
    ("12023 年度", 2023, False), ("issued 2023", 2023, False),
])
def test_a_certificate_without_an_income_link_serves_the_year_its_notes_name(notes: str, year: int,
                                                                             found: bool) -> None:
    doc = _certificate(7, notes, dt.date(2024, 3, 10))
    assert bool(certificates_of([doc], person(documents=(doc,)), year, dt.date(2026, 1, 1))) is found


def test_gaps_are_the_parts_of_the_year_no_document_covers() -> None:
    a = Document(ApplicantId(1), DocumentKind.RESIDENCE_PERMIT, issue_date=dt.date(2023, 3, 1),
                 expiry_date=dt.date(2023, 6, 30))
    b = Document(ApplicantId(1), DocumentKind.RESIDENCE_PERMIT, issue_date=dt.date(2023, 6, 1),
                 expiry_date=dt.date(2025, 6, 30))
    assert gaps([a, b], 2023, dt.date(2026, 1, 1)) == ((dt.date(2023, 1, 1), dt.date(2023, 2, 28)),)
    assert gaps([a], 2023, dt.date(2026, 1, 1)) == ((dt.date(2023, 1, 1), dt.date(2023, 2, 28)),
                                                    (dt.date(2023, 7, 1), dt.date(2023, 12, 31)))
    assert gaps([b], 2023, dt.date(2023, 9, 1)) == ((dt.date(2023, 1, 1), dt.date(2023, 5, 31)),)  # to the day


def test_a_scan_attached_to_a_missing_year_becomes_a_document_of_that_kind(cases: JuliuService,  # noqa: F811
                                                                           tmp_path) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "iit-2026.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    prepared = prepare(cases, TAN, "pr_salary_tax", filing_date=dt.date(2027, 1, 15))
    before = {d.id for d in cases.records.list_documents(prepared.applicant_id)}
    cases.packets.attach_scan(prepared, "tax_certificate:2026", scan)
    (made,) = [d for d in cases.records.list_documents(prepared.applicant_id) if d.id not in before]
    assert (made.kind, made.issuing_country) == (DocumentKind.TAX_CERTIFICATE, "")  # not "2026"


def test_each_year_rows_match_the_routes_years_and_their_notes_say_so() -> None:
    """A kind's per-year rows cover exactly the years its route tests (rules/routes `years`), and no note on them
    asks for another number of years: pr_position's tax note once said "3至4年" beside 4 rows (DOMAIN: M2004 Art. 6(2),
    4 consecutive years in the post)."""
    routes = {r.id: r for r in load_rule_book(setting_defs=load_setting_defs()).routes.routes}
    checked = set()
    for kind in load_templates().national.values():
        yearly = [i for i in kind.items if i.each_year]
        if not yearly:
            continue
        years = {int(c.params["years"]) for c in routes[kind.route].criteria if "years" in c.params}
        for item in yearly:
            assert item.each_year == max(years), (kind.id, item.item, years)
            for note in item.notes:
                assert "至" not in note.text.zh and "–" not in note.text.en, (kind.id, item.item, note)
                assert f"{item.each_year}年" in note.text.zh, (kind.id, item.item)
                assert f"{item.each_year} " in note.text.en, (kind.id, item.item)
            checked.add(kind.id)
    assert {"pr_position", "pr_salary_tax"} <= checked
