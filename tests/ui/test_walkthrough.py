"""What a new user's walk through the window found (issue 15 item 3), each fixed and kept fixed here: after Finish
the window says where the packet went; a delete, an undo and a redo say what they did; Restore says where a backup
saved by hand is and looks there."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QScrollArea, QToolButton, QWizard

from core.i18n import _
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id
from ui.filing.filing_wizard import LAST_FOLDER_KEY, FilingWizard
from ui.main_window import MainWindow
from ui.shell import file_actions


def test_after_finish_the_status_bar_names_the_saved_packet(  # type: ignore[no-untyped-def]
        qtbot, service: JuliuService, tmp_path: Path, lang: str) -> None:
    import_cases(service)
    QSettings().setValue(LAST_FOLDER_KEY, str(tmp_path))
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.refresh_applicants(select_id=person_id(service, "陈伟明"))
    wizard = window.open_filing_wizard("rp_work_renewal")
    assert wizard is not None
    for _page in range(3):
        wizard.next()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(finish.isEnabled, timeout=30000)
    finish.click()
    qtbot.waitUntil(lambda: not wizard.isVisible())
    saved = sorted(tmp_path.glob("*.pdf"))
    assert len(saved) == 3  # the filing set, the client's to-do list, the internal memo
    message = window.statusBar().currentMessage()
    assert message in {_("Packet saved: {path}").format(path=path) for path in saved}, message
    assert lang == "en" or "Packet saved" not in message


def test_a_delete_and_its_undo_are_said_in_the_status_bar(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, service: JuliuService, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """The walk-through deleted a client and undid it: the window changed, but nothing said what had happened."""
    import_cases(service)
    window.refresh_applicants(select_id=person_id(service, "陈伟明"))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window.delete_applicant()
    status = window.statusBar()
    assert status.currentMessage() == _("Deleted {name}. Edit > Undo (Ctrl+Z) brings them back.").format(
        name="TAN Wei Ming")
    window.undo_action.trigger()
    assert "陈伟明" in {a.chinese_name for a in service.list_applicants()}
    step = _("delete applicant {name}").format(name="TAN Wei Ming")
    assert status.currentMessage() == _("Undone: {step}").format(step=step)
    window.redo_action.trigger()
    assert status.currentMessage() == _("Redone: {step}").format(step=step)
    assert lang == "en" or "Undone" not in status.currentMessage()


def test_restore_points_to_the_backups_saved_by_hand(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The walk-through backed up with Back up… (into Documents), then opened Restore: an empty list with no word
    on where that backup went, and "Other file…" started in the program's data folder."""
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(file_actions, "documents_folder", lambda: documents)
    suggested: list[str] = []

    def choose(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        suggested.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    dialog = window.file_actions.restore_backup()
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == _("No automatic backups yet. To restore one you saved with Back up…, choose "
                                     "Other file…")
    dialog.buttons["restore_other"].click()
    assert suggested == [str(documents)]
    dialog.reject()


def test_the_settings_show_every_group_tab_without_scroll_arrows(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, lang: str) -> None:
    """The English settings dialog opened with its last group tab cut behind scroll arrows (860 px wide)."""
    dialog = window.file_actions.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.fitting_width(1366) <= 1366 - 40
    dialog.resize(dialog.fitting_width(1366), dialog.height())  # as it opens on a 1366 px laptop screen
    qtbot.waitUntil(lambda: dialog.width() == dialog.fitting_width(1366))
    bar = dialog.tabs.tabBar()
    assert bar.count() >= 6
    assert not [b for b in bar.findChildren(QToolButton) if b.isVisible()]  # the tab bar's scroll arrows
    assert bar.tabRect(bar.count() - 1).right() <= bar.width(), bar.tabText(bar.count() - 1)
    dialog.reject()


def test_the_wizard_fits_a_laptop_screen_with_a_long_list_of_kinds_not_offered(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, service: JuliuService, lang: str) -> None:
    """The wizard opened 760 px tall (a 1366x768 laptop leaves about 728), and for a client to whom a dozen kinds do
    not apply its first page needed 1,009 px in Chinese: the list pushed the page's last line under the buttons."""
    import_cases(service)
    window.refresh_applicants(select_id=person_id(service, "金敏俊"))
    wizard = window.open_filing_wizard()
    assert wizard is not None
    laptop = FilingWizard.fitting_height(728)
    assert laptop <= 728 - 30  # room for the title bar
    wizard.resize(1060, laptop)
    qtbot.waitUntil(lambda: wizard.height() == laptop)
    qtbot.wait(20)
    page = wizard.kind_page
    assert page.not_offered.text().count("<br>") >= 10  # the long list
    hint = page.findChild(QLabel, "hint")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    hint_bottom = hint.mapTo(wizard, hint.rect().bottomLeft()).y()
    assert hint.isVisible() and hint_bottom < next_button.mapTo(wizard, next_button.rect().topLeft()).y()
    scroll = page.findChild(QScrollArea, "not_offered_scroll")
    assert scroll is not None and scroll.verticalScrollBar().maximum() > 0  # the rest of the list scrolls
    wizard.reject()
