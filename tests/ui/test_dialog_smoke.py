"""Every add/edit dialog opened through its button or a double-click, filled like a user (Chinese typed as key
events), saved, and checked against what the database holds — in English and in Chinese."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt

from core.records.identity import Applicant, Direction, Sex
from core.records.model import (
    Citizenship,
    DocumentKind,
    FilingKind,
    FilingStatus,
    Relation,
    TitleLevel,
)
from core.services.facade import JuliuService
from tests.ui.dialogs import choose, double_click_row, opened, retype, save, tab
from tests.ui.helpers import type_text
from ui.filing.filings_tab import FilingDialog, FilingsTab
from ui.main_window import MainWindow
from ui.records.applicant_dialog import ApplicantDialog
from ui.records.document_dialog import DocumentDialog, PassportDialog
from ui.records.documents_tab import DocumentsTab
from ui.records.employment_tab import EmploymentDialog, EmploymentTab
from ui.records.family_tab import AddressDialog, FamilyTab, MemberDialog
from ui.records.income_tab import IncomeDialog, IncomeTab
from ui.travel.crossing_dialog import CrossingDialog
from ui.travel.crossings_import_dialog import CrossingsImportDialog


def test_applicant_and_crossing_dialogs(window: MainWindow, service: JuliuService, lang: str) -> None:
    window.applicant_buttons["add_applicant"].click()
    dialog = opened(window, ApplicantDialog)
    type_text(dialog.family_name, "Wang")
    type_text(dialog.given_names, "Xiaoming")
    type_text(dialog.chinese_name, "王小明")
    choose(dialog.sex, Sex.MALE)
    type_text(dialog.birth_date, "1988-04-02")
    type_text(dialog.nationality, "SGP")
    type_text(dialog.city, "北京")
    type_text(dialog.passport_number, "K1234567")
    type_text(dialog.passport_country, "SGP")
    type_text(dialog.passport_expiry, "2031-05-04")
    save(dialog)
    assert not dialog.isVisible()
    (a,) = service.list_applicants()
    assert (a.family_name, a.chinese_name, a.sex, a.birth_date, a.city) == (
        "Wang", "王小明", Sex.MALE, dt.date(1988, 4, 2), "北京")
    assert a.id is not None
    double_click_row(window.applicant_view, 0)
    dialog = opened(window, ApplicantDialog)
    assert dialog.passport_number.text() == "K1234567"
    retype(dialog.city, "上海")
    save(dialog)
    assert service.get_applicant(a.id).city == "上海"

    travel = window.travel
    travel.buttons["add_crossing"].click()
    crossing = opened(window, CrossingDialog)
    type_text(crossing.date, "2025-03-01")
    type_text(crossing.time, "09:30")
    choose(crossing.direction, Direction.ENTRY)
    type_text(crossing.port, "首都机场")
    save(crossing)
    travel.buttons["add_crossing"].click()
    crossing = opened(window, CrossingDialog)
    type_text(crossing.date, "2025-06-10")
    choose(crossing.direction, Direction.EXIT)
    save(crossing)
    double_click_row(travel.crossing_view, 1)
    crossing = opened(window, CrossingDialog)
    type_text(crossing.note, "出差")
    save(crossing)
    stored = service.list_crossings(a.id)
    assert [(c.date, c.time, c.direction, c.port, c.note) for c in stored] == [
        (dt.date(2025, 3, 1), dt.time(9, 30), Direction.ENTRY, "首都机场", ""),
        (dt.date(2025, 6, 10), None, Direction.EXIT, "", "出差")]


def test_crossings_import_dialog(window: MainWindow, service: JuliuService, tmp_path: Path) -> None:
    a = service.save_applicant(Applicant("Smith", "Anna", "史安娜"))
    window.refresh_applicants(select_id=a.id)
    csv = tmp_path / "出入境.csv"
    csv.write_text("日期,出入境,口岸\n2024-01-05,入境,上海浦东\n2024-02-01,出境,上海浦东\n", encoding="utf-8")
    dialog = window.travel.open_import(csv)
    assert dialog is not None and opened(window, CrossingsImportDialog) is dialog
    dialog.import_button.click()
    assert not dialog.isVisible()
    assert [(c.date, c.direction, c.port) for c in service.list_crossings(a.id or 0)] == [  # type: ignore[arg-type]
        (dt.date(2024, 1, 5), Direction.ENTRY, "上海浦东"), (dt.date(2024, 2, 1), Direction.EXIT, "上海浦东")]


def test_passport_and_document_dialogs(window: MainWindow, service: JuliuService) -> None:
    a = service.save_applicant(Applicant("Kim", "Minjun", "金敏俊", nationality="KOR"))
    assert a.id is not None
    window.refresh_applicants(select_id=a.id)
    documents = tab(window, DocumentsTab)
    window.tabs.setCurrentWidget(documents)
    documents.passport_buttons["add_passport"].click()
    passport = opened(window, PassportDialog)
    type_text(passport.number, "M73012345")
    type_text(passport.country, "kor")
    type_text(passport.issue, "2020-05-01")
    type_text(passport.expiry, "2030-04-30")
    save(passport)
    double_click_row(documents.passport_view, 0)
    passport = opened(window, PassportDialog)
    retype(passport.expiry, "2030-05-01")
    save(passport)
    (p,) = service.list_passports(a.id)
    assert (p.number, p.issuing_country, p.issue_date, p.expiry_date) == (
        "M73012345", "KOR", dt.date(2020, 5, 1), dt.date(2030, 5, 1))

    documents.documents.buttons["add_document"].click()
    doc = opened(window, DocumentDialog)
    choose(doc.kind, DocumentKind.RESIDENCE_PERMIT)
    choose(doc.subtype, "work")
    type_text(doc.number, "Y440300250012")
    type_text(doc.authority, "深圳市公安局出入境管理支队")
    type_text(doc.issue, "2025-02-01")
    type_text(doc.expiry, "2027-01-31")
    choose(doc.passport, p.id)
    save(doc)
    double_click_row(documents.documents.view, 0)
    doc = opened(window, DocumentDialog)
    type_text(doc.notes, "原件在公司")
    save(doc)
    (d,) = service.records.list_documents(a.id)
    assert (d.kind, d.subtype, d.number, d.issuing_authority, d.expiry_date, d.passport_id, d.notes) == (
        DocumentKind.RESIDENCE_PERMIT, "work", "Y440300250012", "深圳市公安局出入境管理支队",
        dt.date(2027, 1, 31), p.id, "原件在公司")


def test_family_and_address_dialogs(window: MainWindow, service: JuliuService) -> None:
    a = service.save_applicant(Applicant("Dubois", "Claire", "杜可蕾", nationality="FRA"))
    assert a.id is not None
    window.refresh_applicants(select_id=a.id)
    family = tab(window, FamilyTab)
    window.tabs.setCurrentWidget(family)
    family.buttons["add_member"].click()
    member = opened(window, MemberDialog)
    type_text(member.family_name, "Zhang")
    type_text(member.given_names, "Wei")
    type_text(member.chinese_name, "张伟")
    type_text(member.nationality, "CHN")
    choose(member.relation, Relation.SPOUSE)
    choose(member.citizenship, Citizenship.CHINESE)
    type_text(member.married_on, "2018-06-01")
    save(member)
    double_click_row(family.member_view, 1)
    member = opened(window, MemberDialog)
    retype(member.married_on, "2018-06-02")
    save(member)
    (_principal, (spouse, profile)) = service.records.family(a.id)
    assert (spouse.chinese_name, profile.relation, profile.citizenship, profile.married_on) == (
        "张伟", Relation.SPOUSE, Citizenship.CHINESE, dt.date(2018, 6, 2))

    family.addresses.buttons["add_address"].click()
    address = opened(window, AddressDialog)
    type_text(address.moved_in, "2025-09-01")
    type_text(address.time, "20:15")
    type_text(address.address, "朝阳区建国路88号")
    type_text(address.city, "北京")
    save(address)
    double_click_row(family.addresses.view, 0)
    address = opened(window, AddressDialog)
    retype(address.city, "北京市")
    save(address)
    (stored,) = service.records.list_addresses(a.id)
    assert (stored.moved_in, stored.time, stored.address, stored.city) == (
        dt.date(2025, 9, 1), dt.time(20, 15), "朝阳区建国路88号", "北京市")


def test_employment_income_and_filing_dialogs(window: MainWindow, service: JuliuService) -> None:
    a = service.save_applicant(Applicant("Tan", "Wei Ming", "陈伟明"))
    assert a.id is not None
    window.refresh_applicants(select_id=a.id)
    jobs = tab(window, EmploymentTab)
    jobs.buttons["add_employment"].click()
    job = opened(window, EmploymentDialog)
    type_text(job.employer_zh, "北京云启智能科技有限公司")
    type_text(job.employer_en, "Yunqi AI")
    type_text(job.position, "技术总监")
    choose(job.title_level, TitleLevel.DEPUTY_GM_OR_ABOVE)
    type_text(job.start, "2021-03-01")
    save(job)
    double_click_row(jobs.view, 0)
    job = opened(window, EmploymentDialog)
    type_text(job.end, "2025-12-31")
    save(job)
    (e,) = service.records.list_employment(a.id)
    assert (e.employer_zh, e.position, e.title_level, e.start_date, e.end_date) == (
        "北京云启智能科技有限公司", "技术总监", TitleLevel.DEPUTY_GM_OR_ABOVE, dt.date(2021, 3, 1),
        dt.date(2025, 12, 31))

    income = tab(window, IncomeTab)
    income.buttons["add_income"].click()
    year = opened(window, IncomeDialog)
    year.year.setValue(2024)
    type_text(year.wage, "960000")
    type_text(year.tax, "180000.50")
    type_text(year.city, "北京")
    save(year)
    double_click_row(income.view, 0)
    year = opened(window, IncomeDialog)
    retype(year.wage, "960,000.00")
    save(year)
    (i,) = service.records.list_income(a.id)
    assert (i.year, i.wage_income, i.iit_paid, i.city) == (2024, Decimal("960000.00"), Decimal("180000.50"), "北京")

    filings = tab(window, FilingsTab)
    window.tabs.setCurrentWidget(filings)
    filings.buttons["add_filing"].click()
    filing = opened(window, FilingDialog)
    choose(filing.kind, FilingKind.RP_RENEWAL)
    type_text(filing.city, "北京")
    choose(filing.status, FilingStatus.ACCEPTED)
    type_text(filing.filing_date, "2025-09-22")
    type_text(filing.accepted_on, "2025-09-22")
    save(filing)
    filings.view.selectRow(0)
    filings.buttons["edit_filing"].click()
    filing = opened(window, FilingDialog)
    type_text(filing.notes, "等待取证")
    save(filing)
    double_click_row(filings.view, 0)
    filing = opened(window, FilingDialog)
    assert filing.notes.text() == "等待取证"
    filing.reject()
    (f,) = service.records.list_filings(a.id)
    assert (f.kind, f.city, f.status, f.filing_date, f.accepted_date, f.notes) == (
        FilingKind.RP_RENEWAL, "北京", FilingStatus.ACCEPTED, dt.date(2025, 9, 22), dt.date(2025, 9, 22), "等待取证")
    assert filings.model.index(0, 6).data(Qt.ItemDataRole.DisplayRole) == "2025-10-17"  # DOMAIN case 11
