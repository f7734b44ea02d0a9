"""Starting the GUI: QApplication, Qt's own translations, the database, the main window."""
from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Literal

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from core.i18n import _, current_locale, set_locale
from core.services.facade import JuliuService
from core.storage.sqlite.db import StorageError, data_dir, database_url
from core.storage.sqlite.health import DamagedStoreError
from ui.common import gui_gc
from ui.common.background import cancel_and_wait
from ui.firm.firm_start import start_service
from ui.main_window import MainWindow
from ui.shell.qt_strings import QtStringsTranslator
from ui.shell.window_state import (
    add_bundled_fonts,
    app_icon,
    last_applicant,
    restore_geometry,
    save_window,
    start_size,
)
from ui.shell.window_state import settings as window_settings
from ui.store.integrity_watch import build_or_check
from ui.store.unlock import IdleLock, offer_restore, open_store


def install_qt_translator(app: QApplication, locale: str) -> QTranslator | None:
    """Qt's own buttons and dialogs (Save, Cancel, file dialogs) in the user's language, with the few strings
    the shipped catalog misses (installed last, so asked first)."""
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(locale), "qtbase", "_", path):
        app.installTranslator(translator)
        extra = QtStringsTranslator(locale, translator)  # goes when the qtbase translator goes
        if not extra.isEmpty():
            app.installTranslator(extra)
        return translator
    return None


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
_shown: list[QMessageBox] = []  # the error messages open now (a message with no parent needs a keeper)


def show_unexpected(error: BaseException, log: Path | None = None) -> QMessageBox:
    """A message for an error nothing else caught: its type and text, what it means for the user's work, the
    log file if there is one, and the traceback under "Show Details…"."""
    parent = QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Critical, _("Unexpected error"), _(
        "Juliu met an error it did not expect: {kind}: {message}").format(
        kind=type(error).__name__, message=str(error) or "—"), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("unexpected_error")
    info = _("What you were doing may not have been finished; your saved records are unchanged. If it happens "
             "again, tell your administrator or the developers what you were doing.")
    if log is not None:
        info += "\n" + _("The details are also in the log: {file}").format(file=log)
    box.setInformativeText(info)
    box.setDetailedText("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    _shown.append(box)
    box.finished.connect(lambda _result: _shown.remove(box) if box in _shown else None)
    box.open()
    return box


def install_excepthook(log: Path | None = None) -> ExceptHook:
    """The last resort: an exception no code caught (in a slot, an event handler) still goes to the previous
    hook (the traceback on stderr), and the user sees `show_unexpected` instead of nothing. Returns the previous
    hook, to put back."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        previous(kind, error, tb)
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            return
        try:
            show_unexpected(error.with_traceback(tb), log)
        except Exception:  # noqa: BLE001  (the message itself failed: the traceback above must do)
            previous(*sys.exc_info())

    sys.excepthook = hook
    return previous


def idle_minutes(service: JuliuService) -> int:
    """The idle lock's minutes: an encrypted store's setting; a plain store never locks, so its start reads no
    settings (the rules' six TOML files: ~5 ms of CPU before the first paint, issue 15)."""
    return int(service.settings()["lock_after_idle_minutes"]) if service.encrypted else 0


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Juliu")
    app.setApplicationDisplayName("Juliu 居留")
    app.setDesktopFileName("juliu")  # the launcher's juliu.desktop: taskbar icon and name
    app.setWindowIcon(app_icon())
    install_excepthook()  # no log file is kept: the message carries the details
    gui_gc.install()  # cycles are collected on the GUI thread only, never in a worker (ui/common/gui_gc.py)
    add_bundled_fonts()
    if not args.lang:  # follow the system language unless --lang was given
        set_locale("zh_CN" if QLocale.system().name().startswith("zh") else "en")
    install_qt_translator(app, current_locale())
    url = database_url(getattr(args, "database", None))
    store = window_settings()

    def local(check: bool | Literal["later"] = "later") -> JuliuService | None:
        try:
            return open_store(data_dir(args.data_dir), check=check)  # "later": checked once the window shows
        except DamagedStoreError as damaged:
            return offer_restore(damaged, data_dir(args.data_dir))

    try:
        service, note = start_service(url, store, local)
    except StorageError as exc:
        QMessageBox.critical(None, _("Juliu cannot open its data"), str(exc))
        return 2
    if service is None:
        return 2
    windows: list[MainWindow] = []

    def show(current: JuliuService) -> MainWindow:
        window = MainWindow(current)
        window.file_actions.open_local = local
        window.store_replaced.connect(lambda reopened: replace(window, reopened))
        IdleLock(window, current, idle_minutes(current))
        windows.append(window)
        return window

    def replace(old: MainWindow, reopened: JuliuService) -> None:
        nonlocal service
        service = reopened
        new = show(reopened)
        new.setGeometry(old.geometry())
        new.show()
        if old.file_actions.switch_note:  # File > Open the firm database / Use the local file instead
            new.statusBar().showMessage(old.file_actions.switch_note, 10000)
        old.close()
        windows.remove(old)

    built = build_or_check(show, service, lambda: local(True))  # a damaged page met first: checked now, as before
    if built is None:
        return 2
    window, service = built
    if note:
        window.statusBar().showMessage(note, 15000)
    screen = app.primaryScreen()
    if not restore_geometry(window, store) and screen is not None:
        # start large enough for the tabs and the deadlines dock, but inside the screen
        window.resize(start_size(window.size(), screen.availableGeometry()))
    last = last_applicant(store)
    if last is not None and any(a.id == last for a in service.list_applicants()):
        window.refresh_applicants(select_id=last)
    window.show()
    try:
        return app.exec()
    finally:
        cancel_and_wait()  # no worker may outlive the application's objects
        latest = windows[-1] if windows else window  # a restore replaces the window
        current = latest.current_applicant()
        save_window(latest, store, current.id if current else None)
        service.close()
