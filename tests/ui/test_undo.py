"""Deletes and edits are undone and redone from the window (Delete key, Ctrl+Z, Ctrl+Shift+Z), and undo puts the
database back exactly: every table compared row by row, rowids included, on the example cases."""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from core.services.facade import JuliuService
from tests.conftest import TODAY, open_colleague
from tests.core.packet_cases import import_cases, person_id
from tests.core.storage.recovery.test_snapshot import dump
from tests.ui.dialogs import double_click_row, opened, retype, save
from ui.main_window import MainWindow
from ui.records.documents_tab import DocumentsTab
from ui.records.income_tab import IncomeDialog, IncomeTab


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:  # type: ignore[no-untyped-def]
    import_cases(service)
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def press(qtbot, widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window.applicant_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window.applicant_view, Qt.Key.Key_Z,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_the_shortcuts_are_the_usual_ones(window: MainWindow) -> None:
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    assert not window.undo_action.isEnabled()


def test_deleting_crossings_with_the_delete_key_and_undoing(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                            service: JuliuService) -> None:
    kim = person_id(service, "金敏俊")
    window.refresh_applicants(select_id=kim)
    before = dump(service)
    view = window.travel.crossing_view
    for row in (1, 2, 4):
        view.selectionModel().select(view.model().index(row, 0),
                                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    gone = [window.travel.crossing_model.record(r) for r in (1, 2, 4)]
    press(qtbot, view, Qt.Key.Key_Delete)
    assert len(dump(service)["crossing"]) == len(before["crossing"]) - 3
    assert not set(gone) & set(service.list_crossings(kim))
    assert "Ctrl+Z" in window.travel.status.text()
    assert window.undo_action.isEnabled() and "3" in window.undo_action.text()
    undo(qtbot, window)
    assert dump(service) == before
    assert window.travel.crossing_model.rowCount() == len(service.list_crossings(kim))
    redo(qtbot, window)
    assert not set(gone) & set(service.list_crossings(kim))
    undo(qtbot, window)
    assert dump(service) == before


def test_deleting_an_applicant_with_a_family_and_undoing(qtbot, window: MainWindow, service: JuliuService,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    claire = person_id(service, "杜可蕾")
    window.refresh_applicants(select_id=claire)
    before = dump(service)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    press(qtbot, window.applicant_view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Ctrl+Z" in asked[0]
    assert claire not in {a.id for a in service.list_applicants()}
    assert window.current_applicant() is not None and window.current_applicant().id != claire  # type: ignore[union-attr]
    undo(qtbot, window)
    assert dump(service) == before
    assert window.current_applicant().id == claire  # type: ignore[union-attr]
    assert window.header.text().count("杜可蕾") == 1


def test_deleting_a_document_with_scans_and_undoing(qtbot, window: MainWindow, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    tan = person_id(service, "陈伟明")
    window.refresh_applicants(select_id=tan)
    documents = next(t for t in window.applicant_tabs if isinstance(t, DocumentsTab))
    window.tabs.setCurrentWidget(documents)
    rows = documents.documents.model.records()
    row = next(i for i, d in enumerate(rows) if service.records.list_attachments(document_id=d.id))
    before = dump(service)
    documents.documents.view.selectRow(row)
    press(qtbot, documents.documents.view, Qt.Key.Key_Delete)
    assert len(service.records.list_documents(tan)) == len(rows) - 1
    undo(qtbot, window)
    assert dump(service) == before
    assert documents.documents.model.rowCount() == len(rows)


def test_an_edit_is_undone_and_redone(qtbot, window: MainWindow, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    tan = person_id(service, "陈伟明")
    window.refresh_applicants(select_id=tan)
    income = next(t for t in window.applicant_tabs if isinstance(t, IncomeTab))
    window.tabs.setCurrentWidget(income)
    before = dump(service)
    double_click_row(income.view, 0)
    dialog = opened(window, IncomeDialog)
    retype(dialog.wage, "1.00")
    dialog.certificates.item(0).setCheckState(Qt.CheckState.Unchecked)
    save(dialog)
    edited = dump(service)
    assert edited != before
    undo(qtbot, window)
    assert dump(service) == before
    assert Decimal("1.00") not in {i.wage_income for i in service.records.list_income(tan)}
    redo(qtbot, window)
    assert dump(service) == edited
    assert income.model.rowCount() == len(service.records.list_income(tan))


def test_undo_over_a_colleagues_newer_change_is_refused_with_the_conflict_dialog(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, service: JuliuService, data_dir: Path) -> None:
    tan = person_id(service, "陈伟明")
    window.refresh_applicants(select_id=tan)
    income = next(t for t in window.applicant_tabs if isinstance(t, IncomeTab))
    window.tabs.setCurrentWidget(income)
    double_click_row(income.view, 0)
    dialog = opened(window, IncomeDialog)
    retype(dialog.wage, "1.00")
    save(dialog)
    (mine,) = [i for i in service.records.list_income(tan) if i.wage_income == Decimal("1.00")]
    colleague = open_colleague(service, data_dir)
    try:
        colleague.records.save_income(dataclasses.replace(mine, city="Nanjing"))
    finally:
        colleague.close()
    stored = dump(service)
    undo(qtbot, window)
    conflict = window.history.conflict
    assert conflict is not None and conflict.isVisible()
    assert "not undone" in conflict.message.text() and not conflict.overwrite_button.isVisible()
    assert conflict.model.headerData(1, Qt.Orientation.Horizontal) == "After undoing 撤销后的版本"
    assert {r.name for r in conflict.model.records() if r.differs} >= {"wage_income_fen", "city"}
    assert dump(service) == stored  # the colleague's city stands; my wage was not reverted over it
    assert "Nanjing" in {i.city for i in service.records.list_income(tan)}
    conflict.close()


def test_on_a_firm_database_a_delete_and_an_edit_are_undone_from_the_window(  # type: ignore[no-untyped-def]
        qtbot, pg_store_url: str) -> None:
    """The same steps from the window on PostgreSQL: the document with its scans back with its ids, the edit
    undone and redone (the UI suite otherwise runs on the SQLite file)."""
    firm = JuliuService.open_url(pg_store_url)
    w = MainWindow(firm, today=lambda: TODAY)
    qtbot.addWidget(w)
    try:
        import_cases(firm)
        w.show()
        tan = person_id(firm, "陈伟明")
        w.refresh_applicants(select_id=tan)
        documents = next(t for t in w.applicant_tabs if isinstance(t, DocumentsTab))
        w.tabs.setCurrentWidget(documents)
        rows = documents.documents.model.records()
        row = next(i for i, d in enumerate(rows) if firm.records.list_attachments(document_id=d.id))
        before = dump(firm)
        documents.documents.view.selectRow(row)
        documents.documents.delete()  # what the Delete key runs
        assert len(firm.records.list_documents(tan)) == len(rows) - 1 and w.history.count() == 1
        w.undo_action.trigger()
        assert dump(firm) == before and documents.documents.model.rowCount() == len(rows)
        income = next(t for t in w.applicant_tabs if isinstance(t, IncomeTab))
        w.tabs.setCurrentWidget(income)
        double_click_row(income.view, 0)
        dialog = opened(w, IncomeDialog)
        retype(dialog.wage, "1.00")
        save(dialog)
        edited = dump(firm)
        assert edited != before
        w.undo_action.trigger()
        assert dump(firm) == before
        w.redo_action.trigger()
        assert dump(firm) == edited
    finally:
        w.close()  # closed, and its queued refreshes run, before its database closes
        qtbot.wait(100)
        firm.close()
