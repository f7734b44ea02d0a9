"""The window follows the staff role the firm database enforces (issue 13): a viewer sees every editing button
and action greyed (and they stay greyed when a client is selected), and a change the server refuses all the same
opens a message saying why; a consultant edits. Needs JULIU_TEST_DATABASE_URL (skipped with that message)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QMessageBox

from core.i18n import _
from core.records.identity import Applicant
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import person_id
from tests.pg_staff import firm_fixture, staff_fixture  # noqa: F401  (the fixtures)
from tests.render.packet_samples import scan_image
from tests.ui.dialogs import opened, retype, save
from ui.filing.filing_wizard import FilingWizard
from ui.firm.staff_role import is_editing, read_only_tip
from ui.main_window import MainWindow
from ui.records.applicant_dialog import ApplicantDialog
from ui.shell.settings_dialog import SettingsDialog
from ui.store.history_dialog import HistoryDialog

SHOTS = os.environ.get("JULIU_SCREENSHOT_DIR")  # set to look at the window and the message (English and Chinese)



def _window(qtbot, url: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    service = JuliuService.open_url(url)
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
    service.close()


def _editing(window: MainWindow) -> list[QAbstractButton | QAction]:
    found: list[QAbstractButton | QAction] = [b for b in window.findChildren(QAbstractButton)
                                              if is_editing(b.objectName())]
    found += [a for a in window.findChildren(QAction) if is_editing(a.objectName())]
    return found


def _edit_dialog(window: MainWindow) -> ApplicantDialog:
    """The selected client's dialog, as Edit… opens it (built here: undo snapshots are not yet on a firm database)."""
    applicant = window.current_applicant()
    assert applicant is not None and applicant.id is not None
    stored = window.service.require_applicant(applicant.id)
    passports = window.service.list_passports(applicant.id)
    dialog = ApplicantDialog(window.service, stored, passports[0] if passports else None, parent=window,
                             today=lambda: TODAY)
    dialog.open()
    return dialog


def _shot(widget: object, name: str, lang: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}-{lang}.png"))  # type: ignore[attr-defined]


def test_a_viewer_sees_editing_greyed_and_a_refused_save_explained(qtbot, firm: dict[str, str],  # type: ignore[no-untyped-def]
                                                                   lang: str) -> None:
    for window in _window(qtbot, firm["viewer"]):
        assert window.applicant_model.rowCount() > 0
        window.tabs.all()  # every tab built (they are built on first show), then a client selected again
        window.refresh_applicants(select_id=window.current_applicant().id if window.current_applicant() else None)
        editing = _editing(window)
        names = {e.objectName() for e in editing}
        assert {"add_applicant", "edit_applicant", "delete_applicant", "toolbar_add_applicant", "import_case",
                "settings", "add_crossing", "add_passport", "add_member", "edit_details"} <= names
        assert not any(e.isEnabled() for e in editing), [e.objectName() for e in editing if e.isEnabled()]
        assert all(e.toolTip() == read_only_tip("viewer") for e in editing)  # each says why it is greyed
        assert not window.undo_action.isEnabled()
        assert window.export_action.isEnabled()  # reading and exporting stay
        status = window.findChild(QLabel, "staff_role").text()
        words = ("viewer", "read only") if lang == "en" else ("查看者", "只读")
        assert all(w in status for w in words), status
        _shot(window, "firm-viewer-window", lang)
        # A double-click still opens the client (to read) with Save greyed; a save that gets through all the same
        # (a role changed while the dialog was open) is refused by the server, explained, unsaved.
        before = window.current_applicant()
        assert before is not None
        dialog = _edit_dialog(window)
        save_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert not save_button.isEnabled() and save_button.toolTip() == read_only_tip("viewer")
        retype(dialog.city, "Nowhere")
        dialog.accept()
        refused = dialog.findChild(QMessageBox, "permission_refused")
        assert refused is not None and refused.isVisible()
        expected = ("You can read but not change clients in this firm database (role viewer)" if lang == "en"
                    else "您可以查看但不能修改此事务所数据库中的客户（角色：查看者）")
        assert refused.text() == expected
        _shot(refused, "firm-viewer-refused", lang)
        refused.accept()
        dialog.reject()
        assert window.service.require_applicant(int(before.id or 0)).city == before.city


def test_a_consultant_edits_but_the_settings_are_refused(qtbot, firm: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for window in _window(qtbot, firm["consultant"]):
        assert window.findChild(QLabel, "staff_role").text() == "Firm database · role: consultant"
        assert window.applicant_buttons["add_applicant"].isEnabled()
        dialog = _edit_dialog(window)
        retype(dialog.city, "Suzhou")
        save(dialog)
        assert not dialog.isVisible()
        applicant = window.current_applicant()
        assert applicant is not None and window.service.require_applicant(int(applicant.id or 0)).city == "Suzhou"
        window.file_actions.actions["settings"].trigger()
        settings = opened(window, SettingsDialog)
        before = window.service.settings()["recycle_bin_days"]
        settings.editors["recycle_bin_days"].setValue(before + 1)
        save(settings)
        assert settings.isVisible() and "Only an administrator can change the settings" in settings.error.text()
        settings.reject()
        assert window.service.settings()["recycle_bin_days"] == before


def test_a_viewer_attaching_a_scan_or_restoring_from_the_bin_is_told_not_allowed(  # type: ignore[no-untyped-def]
        qtbot, firm: dict[str, str], pg_store_url: str, tmp_path: Path, lang: str) -> None:
    """Issue 15: the two writes a viewer could reach (greyed now) were refused by the server but not caught; when one
    gets through all the same (a role changed meanwhile) the refusal is explained."""
    owner = JuliuService.open_url(pg_store_url)
    try:
        gone = owner.save_applicant(Applicant("Deleted", "Someone", "删除人"))
        assert gone.id is not None
        owner.delete_applicant(gone.id)
    finally:
        owner.close()
    for window in _window(qtbot, firm["viewer"]):
        kim = person_id(window.service, "金敏俊")
        letters_before = len(window.service.records.list_documents(kim))
        wizard = FilingWizard(window.service, kim, TODAY, window)
        wizard.kind_page.kind.setCurrentIndex(wizard.kind_page.kind.findData("rp_work_renewal"))
        wizard.open()
        wizard.next()
        checklist = wizard.checklist_page
        row = next(i for i, r in enumerate(checklist.model.records()) if r.key == "employer_verification")
        scan = tmp_path / "letter.png"
        scan.write_bytes(scan_image("employer letter", fmt="PNG"))
        assert not checklist.attach_row(row, scan)
        assert wizard.refused is not None and wizard.refused.isVisible()
        assert wizard.refused.objectName() == "permission_refused"
        assert wizard.refused.windowTitle() == _("Not allowed for your role")  # in the interface's language
        assert lang == "en" or wizard.refused.windowTitle() != "Not allowed for your role"
        _shot(wizard.refused, "firm-viewer-attach-refused", lang)
        wizard.refused.accept()
        wizard.reject()
        assert len(window.service.records.list_documents(kim)) == letters_before  # nothing stored

        dialog = HistoryDialog(window.service, None, window)
        dialog.open()
        assert dialog.bin_model.rowCount() == 1
        dialog.bin_view.selectRow(0)
        assert dialog.bin_view.currentIndex().isValid()
        assert not dialog.bin_buttons["restore_deleted"].isEnabled()  # greyed for a viewer; if it gets through:
        dialog.restore_selected()
        assert dialog.refused is not None and dialog.refused.isVisible()
        assert dialog.refused.objectName() == "permission_refused"
        dialog.refused.accept()
        dialog.reject()
        assert len(window.service.recycle_bin()) == 1
        assert all(a.family_name != "Deleted" for a in window.service.list_applicants())  # nothing put back
