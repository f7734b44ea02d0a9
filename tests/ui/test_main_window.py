"""The main window driven through its widgets; assertions on what the database holds."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from core.records.identity import Applicant, Crossing, Direction, Passport, Sex
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.ui.helpers import type_text
from ui.main_window import MainWindow


def make_window(qtbot, service: JuliuService) -> MainWindow:
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_create_applicant_with_chinese_name_through_the_dialog(qtbot, service: JuliuService):
    window = make_window(qtbot, service)
    dialog = window.add_applicant()
    type_text(dialog.family_name, "Wang")
    type_text(dialog.given_names, "Xiaoming")
    type_text(dialog.chinese_name, "王小明")
    type_text(dialog.nationality, "sgp")
    type_text(dialog.city, "北京 Beijing")
    type_text(dialog.passport_number, "K1234567")
    type_text(dialog.passport_country, "SGP")
    type_text(dialog.passport_expiry, "2031-05-04")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    (saved,) = service.list_applicants()
    assert (saved.family_name, saved.given_names, saved.chinese_name, saved.nationality, saved.city) == (
        "Wang", "Xiaoming", "王小明", "SGP", "北京 Beijing")
    assert saved.id is not None
    (passport,) = service.list_passports(saved.id)
    assert (passport.number, passport.expiry_date) == ("K1234567", dt.date(2031, 5, 4))
    assert window.applicant_model.rowCount() == 1
    assert "王小明" in window.header.text()


def test_invalid_dialog_input_keeps_dialog_open_and_saves_nothing(qtbot, service: JuliuService):
    window = make_window(qtbot, service)
    dialog = window.add_applicant()
    type_text(dialog.family_name, "Li")
    type_text(dialog.birth_date, "1990-02-30")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "Date of birth: not a real date" in dialog.error.text()
    assert service.list_applicants() == []


def test_crossings_add_and_delete_update_the_year_table(qtbot, service: JuliuService):
    applicant = service.save_applicant(Applicant("Smith", "Anna", "史安娜", nationality="GBR"))
    assert applicant.id is not None
    service.add_crossings(applicant.id, [Crossing(dt.date(2021, 3, 1), Direction.ENTRY, dt.time(10, 0))])
    window = make_window(qtbot, service)
    dialog = window.travel.add_crossing()
    type_text(dialog.date, "2021-03-05")
    type_text(dialog.time, "18:00")
    dialog.direction.setCurrentIndex(dialog.direction.findData(Direction.EXIT))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    stored = service.list_crossings(applicant.id)
    assert [(c.date, c.direction) for c in stored] == [
        (dt.date(2021, 3, 1), Direction.ENTRY), (dt.date(2021, 3, 5), Direction.EXIT)]
    first_year = window.travel.year_model.record(0)
    assert (first_year.year, first_year.calendar_days, first_year.full_days) == (2021, 5, 3)
    window.travel.crossing_view.selectRow(1)
    window.travel.delete_crossings()
    assert len(service.list_crossings(applicant.id)) == 1


def test_export_summary_writes_a_pdf(qtbot, service: JuliuService, tmp_path: Path):
    applicant = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明", nationality="SGP"))
    assert applicant.id is not None
    service.save_passport(Passport(applicant.id, "K1234567", "SGP", None, dt.date(2031, 5, 4)))
    window = make_window(qtbot, service)
    out = tmp_path / "summary.pdf"
    assert window.export_summary(out)
    assert out.read_bytes().startswith(b"%PDF")


def test_edit_applicant_loads_and_saves_changes(qtbot, service: JuliuService):
    a = service.save_applicant(Applicant("Li", "Wei", "李伟", Sex.FEMALE, dt.date(1990, 1, 2), "CAN", "Shenzhen"))
    window = make_window(qtbot, service)
    dialog = window.edit_applicant()
    assert dialog is not None
    assert dialog.chinese_name.text() == "李伟" and dialog.birth_date.text() == "1990-01-02"
    assert dialog.sex.currentData() == Sex.FEMALE
    dialog.city.clear()
    type_text(dialog.city, "深圳")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert a.id is not None
    stored = service.get_applicant(a.id)
    assert (stored.city, stored.sex, stored.birth_date) == ("深圳", Sex.FEMALE, dt.date(1990, 1, 2))
