"""The new-applicant dialog filled from a passport's MRZ: pasted lines, or a scan (image or PDF) dropped on it and
read by OCR; a typed passport number that disagrees with the MRZ check digit keeps the dialog open."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from core.i18n import set_locale
from core.records.identity import Applicant, Sex
from core.records.mrz_ocr import ocr_available
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.records.test_mrz import ICAO_1, ICAO_2, specimen_png
from ui.main_window import MainWindow
from ui.records.documents_tab import DocumentsTab


@pytest.fixture
def dialog(qtbot, service: JuliuService):
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    return window.add_applicant()


def test_pasted_mrz_fills_the_identity_and_saves(dialog, service: JuliuService):
    dialog.mrz.lines.setPlainText(f"{ICAO_1}\n{ICAO_2}")
    dialog.mrz.findChild(type(dialog.buttons.button(QDialogButtonBox.StandardButton.Save)), "mrz_read").click()
    assert (dialog.family_name.text(), dialog.given_names.text(), dialog.passport_number.text()) == (
        "Eriksson", "Anna Maria", "L898902C3")
    assert Sex(dialog.sex.currentData()) is Sex.FEMALE and "verified" in dialog.mrz.status.text()
    dialog.passport_expiry.set_date(dt.date(2032, 4, 15))  # the specimen expired in 2012: a renewed passport
    dialog.nationality.setText("GBR")
    dialog.passport_country.setText("GBR")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    (saved,) = service.list_applicants()
    assert (saved.family_name, saved.birth_date) == ("Eriksson", dt.date(1974, 8, 12))
    assert [p.number for p in service.list_passports(saved.id)] == ["L898902C3"]


def test_typed_number_that_disagrees_with_the_mrz_is_refused(dialog, service: JuliuService):
    dialog.mrz.lines.setPlainText(f"{ICAO_1}\n{ICAO_2}")
    dialog.mrz.read_lines()
    dialog.passport_number.setText("L898902C8")  # one character mistyped
    dialog.passport_expiry.set_date(dt.date(2032, 4, 15))
    dialog.nationality.setText("GBR")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and service.list_applicants() == []
    assert "check digit 6" in dialog.error.text()


def test_a_broken_mrz_is_named_and_nothing_is_filled(dialog):
    dialog.mrz.lines.setPlainText(f"{ICAO_1}\n{ICAO_2[:14]}9{ICAO_2[15:]}")
    assert not dialog.mrz.read_lines()
    assert "Date of birth: check digit 2 does not match" in dialog.mrz.status.text()
    assert "birth_date" not in dialog.mrz.status.text() and dialog.family_name.text() == ""


def test_the_mrz_problems_read_in_chinese(qtbot, service: JuliuService, locale: str):
    """Every MRZ message is in the catalog, each field by its translated label (never an id)."""
    set_locale("zh_CN")
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    dialog = window.add_applicant()
    broken = ICAO_2[:2] + "7" + ICAO_2[3:14] + "9" + ICAO_2[15:]  # the number's and the birth date's digits
    dialog.mrz.lines.setPlainText(f"{ICAO_1}\n{broken}")
    assert not dialog.mrz.read_lines()
    status = dialog.mrz.status.text()
    assert "护照号码：校验位 6 与" in status and "出生日期：校验位 2 与" in status and "综合校验位不符" in status
    assert not any(word in status for word in ("passport.number", "birth_date", "check digit"))
    dialog.mrz.lines.setPlainText(f"{ICAO_1}\n{ICAO_2[:30]}")
    assert not dialog.mrz.read_lines()
    assert dialog.mrz.status.text() == "应为两行、每行44个字符（A-Z、0-9、<）"


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr is not installed (tools/system-deps.sh installs it)")
@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_a_scan_dropped_on_the_dialog_fills_it(qtbot, dialog, tmp_path: Path, kind: str):
    path = tmp_path / f"passport.{kind}"
    if kind == "png":
        path.write_bytes(specimen_png())
    else:
        image = QImage.fromData(specimen_png())
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)  # a scanned data page fills the sheet
        writer.setResolution(150)
        painter = QPainter(writer)
        painter.drawImage(0, 0, image.scaledToWidth(writer.width()))
        painter.end()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(dialog.mrz.read, timeout=20000):
        QApplication.sendEvent(dialog, drop)
    assert (dialog.family_name.text(), dialog.passport_number.text()) == ("Eriksson", "L898902C3")
    assert dialog.birth_date.text() == "1974-08-12" or "1974" in dialog.birth_date.text()


def test_passport_dialog_checks_a_typed_number_against_the_mrz(qtbot, service: JuliuService):
    anna = service.save_applicant(Applicant("Eriksson", "Anna", birth_date=dt.date(1974, 8, 12)))
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    documents = next(t for t in window.applicant_tabs if isinstance(t, DocumentsTab))
    dialog = documents.add_passport()
    dialog.mrz.lines.setPlainText(f"{ICAO_1}\n{ICAO_2}")
    assert dialog.mrz.read_lines()
    assert (dialog.number.text(), dialog.country.text()) == ("L898902C3", "UTO")
    dialog.number.setText("L898902C4")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and service.list_passports(anna.id) == []
    dialog.number.setText("L898902C3")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert [p.number for p in service.list_passports(anna.id)] == ["L898902C3"]
