"""The File and Help menus: case files in and out, the examples, backup and restore, settings and the user guide.

The window owns the applicants; these actions call the service and ask the window to refresh."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from core.errors import InputError
from core.i18n import _
from core.services.facade import JuliuService
from core.storage.sqlite.db import data_dir
from core.storage.sqlite.health import StorageError
from ui.common.background import BackgroundOp
from ui.common.widgets import named
from ui.firm.firm_settings import saved_firm_url, set_firm_at_start
from ui.shell.window_state import settings as window_settings

if TYPE_CHECKING:  # each dialog loads when it is first opened (issue 15: start-up)
    from core.exchange.case_batch import CaseImportSummary
    from ui.firm.connect_dialog import FirmConnectDialog
    from ui.intake.case_import import CaseImport
    from ui.shell.help_dialog import HelpDialog
    from ui.shell.settings_dialog import SettingsDialog
    from ui.store.history_dialog import HistoryDialog
    from ui.store.restore_dialog import RestoreDialog

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cases"


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


class FileActions(QObject):
    """Actions named by objectName (import_case, export_case, open_examples, backup, restore, settings, help)."""

    def __init__(self, window: QMainWindow, service: JuliuService, today: Callable[[], dt.date]):
        super().__init__(window)
        self.window_: Any = window
        self.service = service
        self._today = today
        self.help: HelpDialog | None = None
        self.case_import: CaseImport | None = None
        self.actions: dict[str, QAction] = {}
        self._add("import_case", _("Import case files… 导入案卷…"), self.choose_case_files, "Ctrl+I")
        self._add("export_case", _("Export case file… 导出案卷…"), self.choose_export, "Ctrl+E")
        self._add("open_examples", _("Open the examples 打开示例"), self.open_examples)
        self._add("backup", _("Back up… 备份…"), self.choose_backup)
        self._add("restore", _("Restore from a backup… 从备份恢复…"), self.restore_backup)
        self._add("history", _("History and recycle bin… 修改记录与回收站…"), self.open_history)
        self._add("connect_firm", _("Connect to a firm database… 连接事务所数据库…"), self.open_firm_connect)
        self._add("open_firm", _("Open the firm database 打开事务所数据库"), self.open_firm_database)
        self._add("use_local", _("Use the local file instead 改用本机数据文件"), self.use_local_file)
        self.open_local: Callable[[], JuliuService | None] = lambda: _open_store(data_dir(None))
        self.switch_note = ""  # said in the new window's status bar after a switch of store
        on_firm = service.url is not None
        self.actions["use_local"].setEnabled(on_firm)
        self.actions["open_firm"].setEnabled(not on_firm and bool(saved_firm_url(window_settings())))
        self._add("settings", _("Settings… 设置…"), self.open_settings, QKeySequence.StandardKey.Preferences)
        self._add("help", _("User guide 用户指南"), self.open_help, QKeySequence.StandardKey.HelpContents)

    def _add(self, name: str, text: str, slot: Callable[[], object],
             shortcut: str | QKeySequence.StandardKey | None = None) -> None:
        action = named(QAction(text, self), name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action

    def fill_file_menu(self, menu: QMenu, middle: Sequence[QAction]) -> None:
        """Case files first, then the window's own entries (`middle`), then safety and settings."""
        for name in ("import_case", "export_case", "open_examples"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        for action in middle:
            menu.addAction(action)
        menu.addSeparator()
        for name in ("backup", "restore", "history"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        for name in ("connect_firm", "open_firm", "use_local"):
            menu.addAction(self.actions[name])
        menu.addAction(self.actions["settings"])
        menu.addAction(self.actions["help"])

    def set_applicant_selected(self, selected: bool) -> None:
        self.actions["export_case"].setEnabled(selected)

    # --- case files -------------------------------------------------------------------------------------------
    def choose_case_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self.window_, _("Import case files"), str(documents_folder()),
                                                      _("Case files (*.json);;All files (*)"))
        if names:
            self.import_case_files([Path(n) for n in names])

    def import_case_files(self, paths: Sequence[Path]) -> BackgroundOp | None:
        """Each file all or nothing, off the GUI thread with a progress bar; then the summary dialog (imported,
        duplicate of a stored client, refused with the reason) and the new clients in the list."""
        if not paths:
            return None
        if self.service.list_applicants():
            try:
                self.service.auto_backup("before-import", dt.datetime.now())
            except StorageError as exc:
                QMessageBox.critical(self.window_, _("Import case files"), str(exc))
                return None
        from ui.intake.case_import import CaseImport

        self.case_import = CaseImport(self.window_, self.service, self._today)
        mark = self.service.change_mark()  # what the import writes, read back from the history it leaves
        self.case_import.imported.connect(lambda summary: self._cases_imported(summary, mark))
        return self.case_import.start(paths)

    def _cases_imported(self, summary: CaseImportSummary, mark: int) -> None:
        from core.exchange.case_batch import CaseImportStatus  # loaded already: the import just ran

        imported = [o.applicant_ids[0] for o in summary.of(CaseImportStatus.IMPORTED)]
        if imported:
            self.window_.refresh_applicants(select_id=imported[-1])  # the list, with the last client shown
            changes = self.service.changes_since(mark)
            self.window_.apply_changes(dataclasses.replace(changes, applicant_list=False))

    def open_examples(self) -> BackgroundOp | None:
        return self.import_case_files(sorted(EXAMPLES.glob("*.json")))

    def choose_export(self) -> None:
        applicant = self.window_.current_applicant()
        if applicant is None:
            return
        suggested = documents_folder() / f"{applicant.family_name or 'case'}-{self._today().isoformat()}.json"
        name, _filter = QFileDialog.getSaveFileName(self.window_, _("Export case file"), str(suggested),
                                                    _("Case files (*.json)"))
        if not name:
            return
        choice = self.export_choice()
        if choice == "encrypt":
            from ui.store.passphrase_dialog import ask_new

            key = ask_new(self.window_, _("Export case file"), _(
                "A passphrase for this case file. Give it to the recipient another way (by phone, not in the same "
                "e-mail)."))
            if key is not None:
                self.export_case(Path(name), key)
        elif choice == "plain":
            self.export_case(Path(name))

    def export_choice(self) -> str | None:
        """Encrypt or not: "encrypt", "plain", or None (cancelled); says why a plain file is a risk."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Export case file"), _(
            "Encrypt the case file with a passphrase? Recommended whenever it leaves this computer (e-mail, USB "
            "stick): unencrypted, anyone who gets the file can read the passports, income and scans in it."),
            parent=self.window_)
        encrypt = box.addButton(_("Encrypt… 加密…"), QMessageBox.ButtonRole.AcceptRole)
        plain = box.addButton(_("Save unencrypted 不加密保存"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return "encrypt" if box.clickedButton() is encrypt else "plain" if box.clickedButton() is plain else None

    def export_case(self, path: Path, passphrase: str | None = None) -> bool:
        applicant = self.window_.current_applicant()
        if applicant is None or applicant.id is None:
            return False
        try:
            self.service.require_sound()
            self.service.records.export_case(applicant.id, path, passphrase)
        except (InputError, OSError, StorageError) as exc:
            QMessageBox.critical(self.window_, _("Export failed"), str(exc))
            return False
        self.window_.statusBar().showMessage(_("Saved {path}").format(path=path), 8000)
        return True

    # --- backup and restore -----------------------------------------------------------------------------------
    def choose_backup(self) -> None:
        suggested = documents_folder() / f"juliu-backup-{self._today().isoformat()}.sqlite3"
        name, _filter = QFileDialog.getSaveFileName(self.window_, _("Back up"), str(suggested),
                                                    _("Juliu backups (*.sqlite3)"))
        if name:
            self.backup_to(Path(name))

    def backup_to(self, path: Path) -> bool:
        try:
            self.service.backup_to(path)
        except (InputError, OSError) as exc:
            QMessageBox.critical(self.window_, _("Backup failed"), str(exc))
            return False
        self.window_.statusBar().showMessage(_("Backed up to {path}").format(path=path), 8000)
        return True

    def restore_backup(self) -> RestoreDialog:
        from ui.store.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.service, self.window_, other_folder=documents_folder())  # where Back up… saves
        dialog.accepted.connect(lambda: self.restore_from(dialog.chosen) if dialog.chosen else None)
        dialog.open()
        return dialog

    def restore_from(self, path: Path) -> JuliuService | None:
        """Close the store, swap in the backup (the current store is backed up first), reopen; the window is
        rebuilt on the reopened store through its store_replaced signal."""
        data, key = self.service.path.parent, self.service.session_passphrase()
        self.service.close()
        problem = None
        try:
            JuliuService.restore(data, path, key, dt.datetime.now())
        except (InputError, StorageError, OSError) as exc:
            problem = str(exc)
        try:
            reopened = JuliuService.open(data, key, daily_backup=False)
        except StorageError as exc:
            QMessageBox.critical(self.window_, _("Juliu cannot open its data"), str(exc))
            return None
        if problem:
            QMessageBox.critical(self.window_, _("Restore from a backup 从备份恢复"), problem)
        self.window_.store_replaced.emit(reopened)
        return reopened

    def open_history(self) -> HistoryDialog:
        applicant = self.window_.current_applicant()
        from ui.store.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.service, applicant.id if applicant else None, self.window_)
        dialog.finished.connect(lambda _r: self.window_.refresh_applicants())  # a restore from the bin
        dialog.open()
        return dialog

    # --- settings and help ------------------------------------------------------------------------------------
    def open_firm_connect(self) -> FirmConnectDialog:
        from ui.firm.connect_dialog import FirmConnectDialog

        dialog = FirmConnectDialog(window_settings(), self.window_)
        dialog.accepted.connect(lambda: self._firm_saved(dialog))
        dialog.open()
        return dialog

    def _firm_saved(self, dialog: FirmConnectDialog) -> None:
        set_firm_at_start(window_settings(), True)
        self.actions["open_firm"].setEnabled(self.service.url is None)
        self.window_.statusBar().showMessage(_(
            "Firm database saved (without its password): {url}. Juliu opens it at the next start, or now with "
            "File > Open the firm database.").format(url=dialog.saved_url), 10000)

    # --- which store: the firm database or the local file -------------------------------------------------------
    def open_firm_database(self) -> JuliuService | None:
        """The saved firm database in a new window (asking for its password when needed); opened at start too."""
        from ui.firm.firm_start import open_firm

        try:
            opened, note = open_firm(saved_firm_url(window_settings()), parent=self.window_)
        except StorageError as exc:
            QMessageBox.warning(self.window_, _("Open the firm database"), str(exc))
            return None
        if opened is not None:
            set_firm_at_start(window_settings(), True)
            self._switch(opened, note or _("Opened the firm database"))
        return opened

    def use_local_file(self) -> JuliuService | None:
        """Back to the local SQLite file, now and at the next start (the firm database stays saved)."""
        opened = self.open_local()
        if opened is not None:
            set_firm_at_start(window_settings(), False)
            self._switch(opened, _("Opened the local file"))
        return opened

    def _switch(self, opened: JuliuService, note: str) -> None:
        old, self.switch_note = self.service, note
        self.window_.store_replaced.emit(opened)  # the app builds a new window on it (showing the note), closes this
        old.close()

    def open_settings(self) -> SettingsDialog:
        from ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.service, self.window_)
        dialog.accepted.connect(lambda: self.window_.refresh_applicants())  # verdicts may change with a setting
        dialog.open()
        return dialog

    def open_help(self) -> HelpDialog:
        if self.help is None:
            from ui.shell.help_dialog import HelpDialog

            self.help = HelpDialog(self.window_)
        if self.help.isVisible():
            self.help.raise_()  # already open behind the window
        self.help.show()
        return self.help


def _open_store(data: Path) -> JuliuService | None:
    from ui.store.unlock import open_store  # the local file's passphrase dialog loads when it is opened

    return open_store(data)
