"""Adding a client who is already stored: the window offers to open the stored client, merge, or keep both."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from core.records.identity import Applicant, Passport
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.main_window import MainWindow


def _answer(name: str, seen: list[str]) -> None:
    """Click `duplicate_<name>` in the question once it is shown (it runs its own event loop)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        box.findChild(QPushButton, f"duplicate_{name}").click()
    QTimer.singleShot(0, click)


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:
    anna = service.save_applicant(Applicant("Smith", "Anna", "史安娜", birth_date=dt.date(1985, 4, 12),
                                            nationality="GBR", city="Beijing"))
    service.save_passport(Passport(anna.id, "123456789", "GBR", None, dt.date(2030, 1, 1)))
    service.save_applicant(Applicant("Brown", "Ben", "", nationality="USA"))
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def _new_entry(window: MainWindow, number: str = "123 456 789"):
    dialog = window.add_applicant()
    dialog.family_name.setText("SMITH")
    dialog.given_names.setText("Anna")
    dialog.city.setText("Shanghai")
    dialog.passport_number.setText(number)
    dialog.passport_country.setText("GBR")
    dialog.passport_expiry.set_date(dt.date(2030, 1, 1))
    return dialog


@pytest.mark.parametrize(("choice", "clients", "outcome"), [("open", 2, "opened"), ("merge", 2, "merged"),
                                                            ("keep", 3, "saved"), ("cancel", 2, None)])
def test_same_passport_number_asks_and_does_what_was_chosen(window: MainWindow, service: JuliuService,
                                                            choice: str, clients: int, outcome: str | None):
    dialog = _new_entry(window)
    seen: list[str] = []
    _answer(choice, seen)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert seen and "SMITH Anna" in seen[0] and "same passport number" in seen[0]
    assert len(service.list_applicants()) == clients
    if outcome is None:
        assert dialog.isVisible()  # cancelled: the entry stays open, nothing written
        return
    assert not dialog.isVisible() and dialog.outcome == outcome
    current = window.current_applicant()
    assert current is not None
    anna = next(a for a in service.list_applicants() if a.chinese_name == "史安娜")
    if outcome == "saved":
        assert current.id != anna.id and current.city == "Shanghai"
    else:
        assert current.id == anna.id and anna.city == "Beijing"  # the stored value is kept
        assert [p.number for p in service.list_passports(anna.id)] == ["123456789"]


def test_no_question_for_a_new_person(window: MainWindow, service: JuliuService, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda *_a: pytest.fail("asked about a duplicate"))
    dialog = _new_entry(window, number="X9999999")
    dialog.birth_date.set_date(dt.date(1990, 1, 1))  # same name, other birth date
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible() and len(service.list_applicants()) == 3
