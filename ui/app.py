"""Starting the GUI: QApplication, Qt's own translations, the database, the main window."""
from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from core.i18n import _, current_locale, set_locale
from core.services.facade import JuliuService
from core.storage.db import StorageError, data_dir
from ui.main_window import MainWindow
from ui.window_state import (
    BUNDLED_FONTS_DIR,
    add_bundled_fonts,
    app_icon,
    last_applicant,
    restore_geometry,
    save_window,
)
from ui.window_state import settings as window_settings


def install_qt_translator(app: QApplication, locale: str) -> QTranslator | None:
    """Qt's own buttons and dialogs (Save, Cancel, file dialogs) in the user's language."""
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(locale), "qtbase", "_", path):
        app.installTranslator(translator)
        return translator
    return None


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Juliu")
    app.setApplicationDisplayName("Juliu 居留")
    app.setDesktopFileName("juliu")  # the launcher's juliu.desktop: taskbar icon and name
    app.setWindowIcon(app_icon())
    add_bundled_fonts(BUNDLED_FONTS_DIR)
    if not args.lang:  # follow the system language unless --lang was given
        set_locale("zh_CN" if QLocale.system().name().startswith("zh") else "en")
    install_qt_translator(app, current_locale())
    try:
        service = JuliuService.open(data_dir(args.data_dir))
    except StorageError as exc:
        QMessageBox.critical(None, _("Juliu cannot open its data"), str(exc))
        return 2
    window = MainWindow(service)
    store = window_settings()
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
        current = window.current_applicant()
        save_window(window, store, current.id if current else None)
        service.close()
