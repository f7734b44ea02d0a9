"""A viewer on a firm database (issue 15, read-only role): every dialog and wizard page the window opens greys what
would write — Save, Attach…, Remove, Restore, the Delete key, the checklist's "Attach…" cells, scans dropped —
with a tooltip naming the role, while reading, opening and the firm connection stay. Needs
JULIU_TEST_DATABASE_URL (skipped with that message)."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QStyleOptionViewItem,
    QTableView,
)

from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id
from tests.pg_staff import firm_fixture, staff_fixture  # noqa: F401  (the fixtures)
from tests.ui.dialogs import double_click_row
from ui.filing.filing_models import ATTACHABLE, ChecklistTableModel
from ui.filing.filing_wizard import FilingWizard
from ui.firm.connect_dialog import FirmConnectDialog
from ui.firm.staff_role import is_editing, read_only_tip
from ui.main_window import MainWindow
from ui.records.attachments import AttachmentsPanel
from ui.store.history_dialog import HistoryDialog

SHOTS = os.environ.get("JULIU_SCREENSHOT_DIR")
# The record tables whose double-click opens a record's dialog (to read, for a viewer).
RECORD_VIEWS = ("crossings", "passports", "documents", "family", "addresss", "employments", "incomes",
                "resume_periods", "residence_periods", "filings", "recommendations", "investments")



def _open_dialogs(window: MainWindow) -> list[QDialog]:
    """The dialogs open over this window (not another test's)."""
    return [d for d in window.findChildren(QDialog) if d.isVisible()]


def _assert_greyed(dialog: QDialog, tip: str) -> list[str]:
    """The dialog's writing controls are off with the role's tooltip; returns their names (for the report)."""
    greyed = []
    for box in dialog.findChildren(QDialogButtonBox):
        save = box.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            assert not save.isEnabled() and save.toolTip() == tip, type(dialog).__name__
            greyed.append("Save")
    for button in dialog.findChildren(QAbstractButton):
        if is_editing(button.objectName()):
            assert not button.isEnabled(), (type(dialog).__name__, button.objectName())
            assert button.toolTip() == tip
            greyed.append(button.objectName())
    for shortcut in dialog.findChildren(QShortcut):
        if shortcut.objectName() == "delete_key":
            assert not shortcut.isEnabled()
    for panel in dialog.findChildren(AttachmentsPanel):
        assert not panel.acceptDrops() and panel.read_only  # no scan dropped in
    return greyed


def test_every_dialog_and_wizard_page_greys_its_writes_for_a_viewer(  # type: ignore[no-untyped-def]
        qtbot, firm: dict[str, str], lang: str) -> None:
    service = JuliuService.open_url(firm["viewer"])
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tip = read_only_tip("viewer")
    try:
        window.tabs.all()
        window.refresh_applicants(select_id=person_id(service, "陈伟明"))
        seen: dict[str, list[str]] = {}
        views = {v.objectName(): v for v in window.findChildren(QTableView) if v.objectName() in RECORD_VIEWS}
        for name in RECORD_VIEWS:
            view = views.get(name)
            if view is None or not view.model().rowCount():
                continue
            window.tabs.setCurrentWidget(next(t for t in window.applicant_tabs if t.isAncestorOf(view)))
            double_click_row(view, 0)
            opened = _open_dialogs(window)
            assert len(opened) == 1, (name, opened)
            seen[type(opened[0]).__name__] = _assert_greyed(opened[0], tip)
            if SHOTS and name == "documents":
                opened[0].grab().save(str(Path(SHOTS) / f"viewer-document-{lang}.png"))
            opened[0].reject()
        assert {"CrossingDialog", "PassportDialog", "DocumentDialog", "MemberDialog", "EmploymentDialog",
                "IncomeDialog", "FilingDialog"} <= set(seen), seen
        assert "attach" in seen["DocumentDialog"] and "remove_attachment" in seen["DocumentDialog"]

        window.file_actions.actions["history"].trigger()
        history = next(d for d in _open_dialogs(window) if isinstance(d, HistoryDialog))
        assert "restore_deleted" in _assert_greyed(history, tip)
        history.reject()

        window.file_actions.open_firm_connect()  # keeps nothing in the store: a viewer may switch databases
        connect = next(d for d in _open_dialogs(window) if isinstance(d, FirmConnectDialog))
        connect_save = connect.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        assert connect_save is None or connect_save.isEnabled()
        connect.reject()

        wizard = window.open_filing_wizard("rp_work_renewal")
        assert isinstance(wizard, FilingWizard)
        wizard.next()
        page = wizard.checklist_page
        assert "attach_selected" in _assert_greyed(wizard, tip)
        rows = [r for r in range(page.model.rowCount()) if page.model.index(r, 0).data(ATTACHABLE)]
        assert rows, "no row of the checklist takes a scan"
        index = page.view.model().index(rows[0], ChecklistTableModel.ATTACH_COLUMN)
        option = QStyleOptionViewItem()
        option.rect = page.view.visualRect(index)
        centre = QPointF(option.rect.center())
        click = QMouseEvent(QEvent.Type.MouseButtonRelease, centre, centre, Qt.MouseButton.LeftButton,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        assert not page.delegate.editorEvent(click, page.view.model(), option, index)  # the drawn button is inert
        assert page.delegate.read_only == tip
        if SHOTS:
            wizard.grab().save(str(Path(SHOTS) / f"viewer-checklist-{lang}.png"))
        wizard.next()
        assert not [b.objectName() for b in wizard.findChildren(QAbstractButton)
                    if is_editing(b.objectName()) and b.isEnabled()]
        wizard.reject()
    finally:
        window.close()
        service.close()


def test_a_local_store_keeps_every_dialog_writable(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                   service: JuliuService) -> None:
    """The greying is a firm viewer's only: on the user's own file a record dialog saves."""
    import_cases(service)
    window.refresh_applicants(select_id=person_id(service, "陈伟明"))
    window.tabs.setCurrentWidget(window.travel)
    double_click_row(window.travel.crossing_view, 0)
    dialog = next(d for d in _open_dialogs(window))
    assert dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.reject()
