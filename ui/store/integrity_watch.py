"""The store's quick_check, run after the window has shown instead of before it (issue 15: at 10,000 clients the
check reads the whole 735 MB file, 1.7 s of a start). core/storage/sqlite/deferred_check.py holds the writes
until it has passed; this starts it, and on a failed check shows the same message as a failed check at start
(ui/store/unlock.py `offer_restore`), offering the newest good backup. Closing the window interrupts a check still
running: a quit never waits for it."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from core.i18n import _
from core.services.facade import JuliuService
from core.storage.sqlite.health import DamagedStoreError, database_errors
from ui.common.background import BackgroundOp, PaintHold, Progress

__all__ = ["IntegrityWatch", "build_or_check", "show_damaged"]
W = TypeVar("W")


class IntegrityWatch(QObject):
    """Starts the deferred check once the window has painted; `checked(error or None)` on the GUI thread after."""

    checked = Signal(object)
    _heard = Signal(object)  # emitted on the check's thread, delivered on the GUI thread

    def __init__(self, window: QMainWindow, service: JuliuService, restore: Callable[[Path], Any],
                 hold: PaintHold):
        super().__init__(window)
        self._window, self._service, self._restore = window, service, restore
        self.error: DamagedStoreError | None = None
        self.message: QMessageBox | None = None
        self.backup: BackgroundOp | None = None
        self._heard.connect(self._done)
        if service.integrity is not None:
            window.installEventFilter(self)
            if hold.holding:  # once the window has painted, with the rest of its background work
                hold.released.connect(self.start)
            else:
                QTimer.singleShot(0, self, self.start)

    @property
    def running(self) -> bool:
        gate = self._service.integrity
        return gate is not None and gate.state in ("pending", "running")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def start(self) -> bool:
        return self._service.start_check(self._heard.emit)

    def stop(self) -> None:
        """The window is closing: a running check is interrupted (it counts as not run) and its thread ended."""
        self._window.removeEventFilter(self)
        gate = self._service.integrity
        if gate is not None:
            gate.cancel()

    def _done(self, error: DamagedStoreError | None) -> None:
        if error is None:
            self._service.check_passed()
            self._daily_backup()
        else:
            self.error = error
            self._window.statusBar().showMessage(_("The store is damaged: nothing can be saved"))
            self.message = show_damaged(self._window, error, self._restore)
        self.checked.emit(error)

    def _daily_backup(self) -> None:
        """The day's backup left by the open (JuliuService.backup_due), taken on a reader: its full integrity_check,
        copy and verification take 10 s at 10,000 clients. A quit meanwhile waits for it (the backup is wanted)."""
        due, self._service.backup_due = self._service.backup_due, None
        if due is None:
            return
        reader_of = self._service.reader

        def work(_progress: Progress) -> Path | None:
            reader = reader_of()
            try:
                return reader.auto_backup("daily", due, only_if_due=True)
            finally:
                reader.close()

        status = self._window.statusBar()
        self.backup = BackgroundOp(work, self, status, _("Daily backup"))
        self.backup.failed.connect(lambda message: QMessageBox.warning(self._window, _("Backup failed"), message))
        self.backup.succeeded.connect(lambda saved: status.showMessage(
            _("Backed up to {path}").format(path=saved), 8000) if saved else None)
        self.backup.start()
        status.showMessage(_("Taking the day's backup…"))


def show_damaged(parent: QWidget, error: DamagedStoreError,
                 restore: Callable[[Path], Any] | None = None) -> QMessageBox:
    """The message of a failed check at start, in the window: which check, and the newest good backup to restore
    (Yes restores it, the damaged file kept aside). Opened without blocking; returned for the caller to keep."""
    backup = error.newest_good
    if backup is None or restore is None:
        box = QMessageBox(QMessageBox.Icon.Critical, _("Juliu cannot open its data"), str(error),
                          QMessageBox.StandardButton.Ok, parent)
    else:
        box = QMessageBox(QMessageBox.Icon.Question, _("Juliu cannot open its data"), _(
            "{error}\n\nRestore the newest good backup, {name}? The damaged file is kept aside.").format(
                error=error, name=backup.name), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda clicked: restore(backup) if clicked is yes else None)
    box.setObjectName("damaged_store")
    box.open()
    return box


def build_or_check(build: Callable[[JuliuService], W], service: JuliuService,
                   reopen_checked: Callable[[], JuliuService | None]) -> tuple[W, JuliuService] | None:
    """The window on a store opened before its check. A damaged page met by the reads the window makes as it is
    built (the client list, the first client) closes that store and opens it again checked, as before the check was
    deferred: the caller's `reopen_checked` says which check failed and offers the restore (ui/store/unlock.py
    `offer_restore`), instead of a traceback. None when the user gave up."""
    try:
        return build(service), service
    except database_errors():
        service.close()
        reopened = reopen_checked()
        return (build(reopened), reopened) if reopened is not None else None
