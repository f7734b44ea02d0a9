"""Bad input in every dialog, in English and Chinese: the dialog stays open, saves nothing, names each field by
its translated label (never an id such as family_name or employer_zh) and highlights it."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from core.i18n import _, set_locale
from core.records.identity import Applicant
from core.records.model import FilingStatus
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.storage.test_snapshot import dump
from tests.ui.dialogs import save
from tests.ui.helpers import type_text
from ui.documents_tab import DocumentsTab
from ui.employment_tab import EmploymentTab
from ui.family_tab import FamilyTab
from ui.filings_tab import FilingsTab
from ui.income_tab import IncomeTab
from ui.main_window import MainWindow
from ui.messages import INVALID_STYLE

FIELD_ID = re.compile(r"\b[a-z]+(?:[._][a-z]+)+\b")  # family_name, passport.expiry_date


@pytest.fixture(params=["en", "zh_CN"])
def window(request: pytest.FixtureRequest, qtbot, service: JuliuService, locale: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    set_locale(request.param)
    a = service.save_applicant(Applicant("Tan", "Wei Ming", "陈伟明"))
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.refresh_applicants(select_id=a.id)
    w.show()
    yield w


def tab(window: MainWindow, kind: type):  # type: ignore[no-untyped-def]
    return next(t for t in window.applicant_tabs if isinstance(t, kind))


def applicant(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = w.add_applicant()
    type_text(d.nationality, "gb")
    return d, [(_("Family name (as in passport)"), d.family_name), (_("Nationality (ISO code)"), d.nationality)]


def applicant_passport(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = w.add_applicant()
    type_text(d.family_name, "Li")
    type_text(d.passport_number, "E1234567")
    type_text(d.passport_issue, "2020-02-30")
    return d, [(_("Date of issue"), d.passport_issue), (_("Date of expiry"), d.passport_expiry)]


def passport(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = tab(w, DocumentsTab).add_passport()
    type_text(d.issue, "2031-01-01")
    type_text(d.expiry, "2030-01-01")
    return d, [(_("Passport number"), d.number), (_("Date of expiry"), d.expiry)]


def document(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = tab(w, DocumentsTab).documents.add()
    type_text(d.country, "GB")
    type_text(d.issue, "2025-05-01")
    type_text(d.expiry, "2025-01-01")
    return d, [(_("Valid until 有效期至"), d.expiry), (_("Issuing country (ISO code)"), d.country)]


def crossing(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = w.travel.add_crossing()
    type_text(d.date, "2025-02-30")
    type_text(d.time, "25:00")
    return d, [(_("Date (local China date)"), d.date), (_("Time (local, optional)"), d.time)]


def member(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = tab(w, FamilyTab).add_member()
    type_text(d.nationality, "Fr")
    return d, [(_("Family name (as in passport)"), d.family_name), (_("Nationality (ISO code)"), d.nationality)]


def address(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = tab(w, FamilyTab).addresses.add()
    type_text(d.time, "25:00")
    return d, [(_("Moved in on 入住日期"), d.moved_in), (_("Time (local, optional)"), d.time)]


def employment(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = tab(w, EmploymentTab).add()
    type_text(d.start, "2024-05-01")
    type_text(d.end, "2023-01-01")
    return d, [(_("Employer (Chinese) 单位名称"), d.employer_zh), (_("End date (empty: current)"), d.end)]


def income(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = tab(w, IncomeTab).add()
    type_text(d.wage, "1.001")
    type_text(d.tax, "-5")
    return d, [(_("Wage income (CNY) 工资性收入"), d.wage), (_("IIT paid (CNY) 个人所得税"), d.tax)]


def filing(w: MainWindow) -> tuple[QDialog, list[tuple[str, QWidget]]]:
    d = tab(w, FilingsTab).add()
    d.status.setCurrentIndex(d.status.findData(FilingStatus.ACCEPTED))
    return d, [(_("Accepted on 受理日期"), d.accepted_on)]


@pytest.mark.parametrize("open_dialog", [applicant, applicant_passport, passport, document, crossing, member,
                                         address, employment, income, filing])
def test_bad_input_is_explained_in_the_users_words(window: MainWindow, service: JuliuService,
                                                    open_dialog: Callable[[MainWindow], tuple[QDialog, list]]) -> None:
    before = dump(service)
    dialog, expected = open_dialog(window)
    save(dialog)
    assert dialog.isVisible() and dump(service) == before
    text = dialog.error.text()  # type: ignore[attr-defined]
    assert text and not FIELD_ID.findall(text), text
    for label, widget in expected:
        assert label.rstrip(" *") in text, (label, text)
        assert widget.styleSheet() == INVALID_STYLE, label
    assert dialog.focusWidget() is expected[0][1]
