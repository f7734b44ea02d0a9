"""Starting the GUI: QApplication, Qt's own translations, the database, the main window."""
from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from core.i18n import _, current_locale, set_locale
from core.services.facade import JuliuService
from core.storage.sqlite.db import StorageError, data_dir, database_url
from core.storage.sqlite.health import DamagedStoreError
from ui.firm.firm_start import start_service
from ui.main_window import MainWindow
from ui.shell.qt_strings import QtStringsTranslator
from ui.shell.window_state import (
    add_bundled_fonts,
    app_icon,
    last_applicant,
    restore_geometry,
    save_window,
)
from ui.shell.window_state import settings as window_settings
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


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Juliu")
    app.setApplicationDisplayName("Juliu 居留")
    app.setDesktopFileName("juliu")  # the launcher's juliu.desktop: taskbar icon and name
    app.setWindowIcon(app_icon())
    add_bundled_fonts()
    if not args.lang:  # follow the system language unless --lang was given
        set_locale("zh_CN" if QLocale.system().name().startswith("zh") else "en")
    install_qt_translator(app, current_locale())
    url = database_url(getattr(args, "database", None))
    store = window_settings()

    def local() -> JuliuService | None:
        try:
            return open_store(data_dir(args.data_dir))
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
        IdleLock(window, current, int(current.settings()["lock_after_idle_minutes"]))
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

    window = show(service)
    if note:
        window.statusBar().showMessage(note, 15000)
    screen = app.primaryScreen()
    if not restore_geometry(window, store) and screen is not None:
        # start large enough for the tabs and the deadlines dock, but inside the screen
        area = screen.availableGeometry()
        window.resize(max(window.width(), int(area.width() * 0.9)), max(window.height(), int(area.height() * 0.9)))
        window.resize(min(window.width(), area.width()), min(window.height(), area.height()))
    last = last_applicant(store)
    if last is not None and any(a.id == last for a in service.list_applicants()):
        window.refresh_applicants(select_id=last)
    window.show()
    try:
        return app.exec()
    finally:
        latest = windows[-1] if windows else window  # a restore replaces the window
        current = latest.current_applicant()
        save_window(latest, store, current.id if current else None)
        service.close()
