"""Opening the store from the window: the passphrase asked for at start (three tries, then a polite goodbye),
the first-run offer to encrypt, and the lock after idle time (setting lock_after_idle_minutes)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMessageBox, QWidget

from core.i18n import _
from core.services.facade import JuliuService
from core.storage.sqlite.cipher import needs_passphrase
from core.storage.sqlite.db import DB_FILENAME
from core.storage.sqlite.health import DamagedStoreError, PassphraseError
from ui.store.passphrase_dialog import ask, ask_new

TRIES = 3


def open_store(data: Path, ask_passphrase: Callable[[int], str | None] | None = None,
               offer_encryption: Callable[[], str | None] | None = None, parent: Any = None,
               check: bool | Literal["later"] = True) -> JuliuService | None:
    """The opened store, or None when the user gave up or three passphrases were wrong (nothing was written).
    `check="later"` (the window at start): the quick_check runs once the window shows (ui/store/integrity_watch.py)."""
    path = data / DB_FILENAME
    if needs_passphrase(path):
        asker = ask_passphrase or (lambda attempt: ask(parent, _("Juliu 居留"), _(
            "Your records are encrypted. Type the passphrase (try {n} of {total}).").format(n=attempt, total=TRIES)))
        for attempt in range(1, TRIES + 1):
            typed = asker(attempt)
            if typed is None:
                return None
            try:
                return JuliuService.open(data, typed, check=check)
            except PassphraseError:
                continue
        QMessageBox.information(parent, _("Juliu 居留"), _(
            "That passphrase did not open your records three times. Juliu closes now; nothing was changed. "
            "If the passphrase is lost, the records cannot be recovered (docs/security.md)."))
        return None
    key = None
    if not path.exists():
        offer = offer_encryption or (lambda: first_run_offer(parent))
        key = offer()
    return JuliuService.open(data, key, check=check)


def offer_restore(error: DamagedStoreError, data: Path, parent: Any = None) -> JuliuService | None:
    """A store that failed its check at open: say which check, and offer the newest good backup."""
    if error.newest_good is None:
        QMessageBox.critical(parent, _("Juliu cannot open its data"), str(error))
        return None
    answer = QMessageBox.question(parent, _("Juliu cannot open its data"), _(
        "{error}\n\nRestore the newest good backup, {name}? The damaged file is kept aside.").format(
            error=error, name=error.newest_good.name))
    if answer != QMessageBox.StandardButton.Yes:
        return None
    key = None
    if needs_passphrase(error.newest_good):
        key = ask(parent, _("Juliu 居留"), _("Type the passphrase of your records."))
        if key is None:
            return None
    JuliuService.restore(data, error.newest_good, key, dt.datetime.now())
    return JuliuService.open(data, key)


def first_run_offer(parent: Any) -> str | None:
    """A new store: offer a passphrase (recommended on a laptop or a shared computer), or none."""
    answer = QMessageBox.question(parent, _("Juliu 居留"), _(
        "Protect your records with a passphrase? They hold passport numbers, income and scans. With a passphrase "
        "the database and its backups are encrypted; without it, anyone who can read your files can read them. "
        "You can also encrypt later (juliu encrypt)."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return ask_new(parent, _("Juliu 居留"), _("Choose a passphrase. Write it down somewhere safe: without it the "
                                                "records cannot be opened, by you or by anyone."))


class IdleLock(QObject):
    """Hides the window's content after the idle minutes and asks for the passphrase again (encrypted stores)."""

    def __init__(self, window: QMainWindow, service: JuliuService, minutes: int,
                 asker: Callable[[], str | None] | None = None):
        super().__init__(window)
        self._window = window
        self._service = service
        self._asker = asker or (lambda: ask(window, _("Juliu 居留 — locked 已锁定"),
                                            _("Juliu was locked after a while without use. Type the passphrase.")))
        self.locked = False
        self.timer = QTimer(self, singleShot=True, interval=max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        if service.encrypted and minutes > 0:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                            QEvent.Type.Wheel) and not self.locked:
            self.timer.start()
        return False

    def _content(self) -> list[QWidget]:
        docks: list[QWidget] = [d for d in self._window.findChildren(QDockWidget) if d.isVisible() or self.locked]
        central = self._window.centralWidget()
        return ([central] if central is not None else []) + docks

    def lock(self) -> bool:
        """Hide the records until the passphrase is typed again; True when unlocked, False when the window closed."""
        self.locked = True
        for widget in self._content():
            widget.hide()
        while True:
            typed = self._asker()
            if typed is None:
                self._window.close()
                return False
            if self._service.check_passphrase(typed):
                break
        for widget in self._content():
            widget.show()
        self.locked = False
        self.timer.start()
        return True
