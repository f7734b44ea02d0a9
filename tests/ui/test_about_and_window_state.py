"""Help > About says which Juliu, data, engine and font; the window remembers its geometry and last applicant."""
from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from core.i18n import set_locale
from core.records.identity import Applicant, Sex
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.main_window import MainWindow
from ui.shell.about_dialog import AboutDialog
from ui.shell.window_state import ICON, app_icon, last_applicant, restore_geometry, save_window

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot, service: JuliuService) -> MainWindow:
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.sqlite_only("About names the SQLite file; a firm database has its own About test")
def test_about_names_version_data_engine_and_fonts(qtbot, service: JuliuService, locale: str) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    for lang, title in (("en", "About Juliu"), ("zh_CN", "关于 Juliu")):
        set_locale(lang)
        window = _window(qtbot, service)
        window.about_action.trigger()
        (dialog,) = window.findChildren(AboutDialog)
        text = dialog.text.text()
        assert dialog.windowTitle() == title
        assert version in text and str(service.path) in text and "SQLite" in text and "2026-11-29" in text
        assert "WenQuanYi" in text or "Noto" in text  # the PDF font found on this machine
        assert "Apache-2.0" in text  # the bundled font's licence is listed
        dialog.close()
        window.close()


def test_about_on_a_firm_database_names_server_database_and_user_never_the_password(qtbot, pg_store_url: str,
                                                                                   locale: str) -> None:
    url = pg_store_url + "&password=s3cret-word"  # the test server trusts its socket: the password goes unused
    firm = JuliuService.open_url(url)
    try:
        info = firm.about()
        assert info.firm is not None and info.data_folder is None
        host, port, database, user = info.firm.host, info.firm.port, info.firm.database, info.firm.user
        assert database.startswith("juliu_test_") and user and port.isdigit() and host
        for lang, labels in (("en", ("Firm database", "Server", "Database name", "Database user", "port")),
                             ("zh_CN", ("事务所数据库", "服务器", "数据库名称", "数据库用户", "端口"))):
            set_locale(lang)
            window = _window(qtbot, firm)
            window.about_action.trigger()
            (dialog,) = window.findChildren(AboutDialog)
            text = dialog.text.text()
            assert all(label in text for label in labels) and "PostgreSQL" in text
            assert database in text and user in text and host in text
            assert "s3cret" not in text and "Data folder" not in text and "数据文件夹" not in text
            dialog.close()
            window.close()
    finally:
        firm.close()


def test_geometry_and_last_applicant_survive_a_restart(qtbot, service: JuliuService, tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "juliu.ini"), QSettings.Format.IniFormat)
    assert last_applicant(store) is None and not restore_geometry(_window(qtbot, service), store)
    saved = service.save_applicant(Applicant("WANG", "Xiaoming", "王小明", Sex.MALE, dt.date(1990, 1, 2), "DEU"))
    first = _window(qtbot, service)
    first.resize(first.minimumWidth(), first.minimumHeight() + 23)  # the offscreen screen is narrow
    size = first.size()
    save_window(first, store, saved.id)
    first.close()
    again = QSettings(str(tmp_path / "juliu.ini"), QSettings.Format.IniFormat)
    second = _window(qtbot, service)
    assert restore_geometry(second, again)
    assert second.size() == size
    assert last_applicant(again) == saved.id
    save_window(second, again, None)
    assert last_applicant(QSettings(str(tmp_path / "juliu.ini"), QSettings.Format.IniFormat)) is None


def test_the_application_icon_is_there() -> None:
    assert ICON.is_file() and not app_icon().isNull()
    assert app_icon().availableSizes()
