"""Two staff on one store: a save from a record someone else changed meanwhile opens the conflict dialog, which
names who and when, shows both versions with the differences highlighted, and lets the user reload or overwrite."""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from core.i18n import set_locale
from core.records.model import Document
from core.services.facade import JuliuService
from tests.conftest import TODAY, open_colleague
from tests.core.packet_cases import import_cases, person_id
from tests.ui.dialogs import double_click_row, opened, retype, save
from ui.common.conflict_dialog import CHANGED, ConflictDialog
from ui.main_window import MainWindow
from ui.records.applicant_dialog import ApplicantDialog
from ui.records.document_dialog import DocumentDialog
from ui.records.documents_tab import DocumentsTab

SHOTS = os.environ.get("JULIU_SCREENSHOT_DIR")  # set to look at the dialog (English and Chinese)


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:  # type: ignore[no-untyped-def]
    import_cases(service)
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def colleague(data_dir: Path, service: JuliuService) -> Iterator[JuliuService]:
    """Another staff member working on the same store through a connection of their own."""
    other = open_colleague(service, data_dir)
    yield other
    other.close()


def _edit_first_document(window: MainWindow, applicant_id: int) -> tuple[DocumentDialog, Document]:
    window.refresh_applicants(select_id=applicant_id)
    tab = next(t for t in window.applicant_tabs if isinstance(t, DocumentsTab))
    window.tabs.setCurrentWidget(tab)
    double_click_row(tab.documents.view, 0)
    dialog = opened(window, DocumentDialog)
    return dialog, tab.documents.model.record(0)


def _rows(dialog: ConflictDialog) -> dict[str, tuple[str, str, bool]]:
    model = dialog.model
    return {model.data(model.index(r, 0)): (model.data(model.index(r, 1)), model.data(model.index(r, 2)),
                                            model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole) == CHANGED)
            for r in range(model.rowCount())}


def test_overwrite_saves_mine_over_theirs_knowingly(window: MainWindow, service: JuliuService,
                                                    colleague: JuliuService) -> None:
    tan = person_id(service, "陈伟明")
    dialog, shown = _edit_first_document(window, tan)
    assert shown.id is not None
    retype(dialog.notes, "mine: original seen at the bureau")
    colleague.records.save_document(dataclasses.replace(colleague.records.documents.get(shown.id),
                                                        number="THEIRS-1"))
    save(dialog)
    conflict = opened(window, ConflictDialog)
    text = conflict.message.text()
    assert conflict.conflict.who and conflict.conflict.who in text
    assert (conflict.conflict.at or "")[:16].replace("T", " ") in text
    rows = _rows(conflict)
    assert rows["Number 号码"] == (shown.number or "—", "THEIRS-1", True)
    assert rows["Notes"] == ("mine: original seen at the bureau", shown.notes or "—", True)
    assert not rows["Kind 种类"][2]  # unchanged fields are not highlighted
    if SHOTS:
        conflict.grab().save(str(Path(SHOTS) / "conflict-en.png"))
    assert dialog.isVisible()  # nothing saved yet: the edit stays open behind the question
    assert service.records.documents.get(shown.id).notes == shown.notes
    conflict.overwrite_button.click()
    assert not dialog.isVisible() and conflict.choice == "overwrite"
    stored = service.records.documents.get(shown.id)
    assert (stored.notes, stored.number, stored.version) == ("mine: original seen at the bureau", shown.number, 3)
    entries = [e for e in service.history(tan) if e.table == "document" and e.row_id == shown.id]
    assert [e.after["number"] for e in entries[:2] if e.after] == [shown.number, "THEIRS-1"]  # theirs kept in history


def test_reload_discards_mine_and_shows_what_is_stored(window: MainWindow, service: JuliuService,
                                                       colleague: JuliuService, locale: str) -> None:
    tan = person_id(service, "陈伟明")
    window.refresh_applicants(select_id=tan)
    dialog = window.edit_applicant()
    assert isinstance(dialog, ApplicantDialog)
    retype(dialog.city, "Xi'an")
    theirs = colleague.get_applicant(tan)
    colleague.save_applicant(dataclasses.replace(theirs, chinese_name="陈伟民", city="Chengdu"))
    save(dialog)
    conflict = opened(window, ConflictDialog)
    rows = _rows(conflict)
    assert rows["City"][1:] == ("Chengdu", True) and rows["City"][0] == "Xi'an"
    assert rows["Chinese name 中文姓名"] == ("陈伟明", "陈伟民", True)
    assert conflict.overwrite_button.isEnabled()
    conflict.reload_button.click()
    assert not dialog.isVisible() and conflict.choice == "reload"
    stored = service.get_applicant(tan)
    assert (stored.city, stored.chinese_name) == ("Chengdu", "陈伟民")
    current = window.current_applicant()
    assert current is not None and current.id == tan and current.chinese_name == "陈伟民"
    again = window.edit_applicant()  # the reloaded version saves without a conflict
    assert isinstance(again, ApplicantDialog)
    retype(again.city, "Xi'an")
    save(again)
    assert service.get_applicant(tan).city == "Xi'an"
    if SHOTS:
        set_locale("zh_CN")
        third = window.edit_applicant()
        assert isinstance(third, ApplicantDialog)
        colleague.save_applicant(dataclasses.replace(colleague.get_applicant(tan), city="Chengdu"))
        retype(third.city, "Lhasa")
        save(third)
        shot = opened(window, ConflictDialog)
        shot.grab().save(str(Path(SHOTS) / "conflict-zh.png"))
        shot.findChild(QPushButton, "back_to_editing").click()
        assert third.isVisible() and not shot.isVisible()  # back to editing, nothing saved
        assert service.get_applicant(tan).city == "Chengdu"
        third.reject()


def test_a_stale_delete_from_the_window_is_refused_with_the_dialog(window: MainWindow, service: JuliuService,
                                                                   colleague: JuliuService) -> None:
    tan = person_id(service, "陈伟明")
    window.refresh_applicants(select_id=tan)
    tab = next(t for t in window.applicant_tabs if isinstance(t, DocumentsTab))
    window.tabs.setCurrentWidget(tab)
    count = tab.documents.model.rowCount()
    shown = tab.documents.model.record(0)
    assert shown.id is not None
    colleague.records.save_document(dataclasses.replace(colleague.records.documents.get(shown.id), number="N-2"))
    tab.documents.view.selectRow(0)
    tab.documents.delete()
    conflict = opened(window, ConflictDialog)
    assert not conflict.overwrite_button.isEnabled()
    conflict.reload_button.click()
    assert len(service.records.list_documents(tan)) == count
    assert tab.documents.model.record(0).number == "N-2"


def test_crossings_edited_in_a_row_never_conflict_with_yourself_but_with_a_colleague(
        window: MainWindow, service: JuliuService, colleague: JuliuService) -> None:
    tan = person_id(service, "陈伟明")
    window.refresh_applicants(select_id=tan)
    travel = window.travel
    for note in ("first", "second"):  # each edit starts from what the previous one saved
        travel.crossing_view.selectRow(0)
        dialog = travel.edit_crossing()
        assert dialog is not None
        retype(dialog.note, note)
        save(dialog)
        assert travel.conflict is None
    first = travel.crossing_model.record(0)
    assert first.id is not None and first.note == "second"
    travel.crossing_view.selectRow(0)
    dialog = travel.edit_crossing()
    assert dialog is not None
    colleague.save_crossing(tan, dataclasses.replace(
        next(c for c in colleague.list_crossings(tan) if c.id == first.id), port="Luohu"))
    retype(dialog.note, "mine")
    save(dialog)
    conflict = opened(window, ConflictDialog)
    assert _rows(conflict)["Port"][2]
    conflict.overwrite_button.click()
    stored = next(c for c in service.list_crossings(tan) if c.id == first.id)
    assert (stored.note, stored.port) == ("mine", first.port)
