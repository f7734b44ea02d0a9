"""Bad input in every dialog, in English and Chinese: the dialog stays open, saves nothing, names each field by
its translated label (never an id such as family_name or employer_zh) and highlights it."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QWidget

from core.errors import Problem
from core.i18n import _, set_locale
from core.records.identity import Applicant
from core.records.model import FilingStatus
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.storage.recovery.test_snapshot import dump
from tests.ui.dialogs import save
from tests.ui.helpers import type_text
from ui.common.fields import DateField
from ui.common.messages import INVALID_STYLE
from ui.filing.filings_tab import FilingsTab
from ui.main_window import MainWindow
from ui.records.documents_tab import DocumentsTab
from ui.records.employment_tab import EmploymentTab
from ui.records.family_tab import FamilyTab
from ui.records.income_tab import IncomeTab
from ui.travel.crossings_import_dialog import CrossingsImportDialog

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


def test_a_date_field_takes_its_date_from_the_calendar_or_the_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = DateField("issue_date")
    qtbot.addWidget(field)
    field.show()
    type_text(field, "2025-03-01")
    assert field.actions() == [field.calendar_action]  # the button at the end of the field
    field.calendar_action.trigger()
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible() and calendar.selectedDate() == QDate(2025, 3, 1)
    calendar.clicked.emit(QDate(2025, 3, 14))
    assert field.text() == "2025-03-14" and not calendar.isVisible()
    problems: list[Problem] = []
    assert field.value(problems) == dt.date(2025, 3, 14) and problems == []
    field.clear()
    assert field.value(problems) is None and problems == []  # optional: empty is allowed
    assert DateField("moved_in", required=True).value(problems) is None and [p.message for p in problems] == [
        "required"]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_import_problems_name_the_line_and_the_field_in_the_users_words(qtbot, service: JuliuService, tmp_path,  # type: ignore[no-untyped-def]
                                                                        lang: str, locale: str) -> None:
    set_locale(lang)
    a = service.save_applicant(Applicant("Li", "Wei", "李伟"))
    csv = tmp_path / "crossings.csv"
    csv.write_text("date,direction\n2024-02-30,entry\n2024-03-01,sideways\n2024-03-05,exit\n2024-03-05,exit\n",
                   encoding="utf-8")
    table, mapping = service.travel.read_import_file(csv)
    dialog = CrossingsImportDialog(service, a.id, table, mapping, TODAY)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    lines = dialog.problems.toPlainText().splitlines()
    assert len(lines) == 3 and not any(FIELD_ID.findall(line) for line in lines)
    if lang == "zh_CN":
        assert lines == ["第 2 行 · 日期 日期：不是有效日期：'2024-02-30'".replace("日期 日期", _("Date 日期")),
                         lines[1], "第 5 行 · 与第 4 行完全相同"]
        assert lines[1].startswith("第 3 行 · " + _("Direction 出入境") + "：无法识别的方向 'sideways'")
    else:
        assert lines[0] == "Line 2 · Date 日期: not a real date: '2024-02-30'"
        assert lines[2] == "Line 5 · exact duplicate of line 4"
