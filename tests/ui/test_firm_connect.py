"""File > Connect to a firm database…: opened from the menu, filled, tested against the real PostgreSQL test server
(when one is configured) and saved — the URL in the settings without the password, the password in pgpass."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict
from PySide6.QtWidgets import QDialogButtonBox

from core.i18n import set_locale
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.ui.dialogs import opened
from tests.ui.helpers import type_text
from ui.firm.connect_dialog import FirmConnectDialog
from ui.firm.firm_settings import URL_KEY
from ui.main_window import MainWindow
from ui.shell.window_state import settings as window_settings

SHOTS = os.environ.get("JULIU_SCREENSHOT_DIR")


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def _open(window: MainWindow, pgpass: Path, monkeypatch: pytest.MonkeyPatch) -> FirmConnectDialog:
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    window.file_actions.actions["connect_firm"].trigger()
    return opened(window, FirmConnectDialog)


def test_fill_and_save_keeps_the_url_without_the_password(window: MainWindow, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    pgpass = tmp_path / "pgpass"
    dialog = _open(window, pgpass, monkeypatch)
    type_text(dialog.host, "db.office.lan")
    type_text(dialog.user, "ann")
    type_text(dialog.password, "Secret-42")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "Database" in dialog.status.text()  # the missing field is named; stays open
    type_text(dialog.database, "juliu_firm")
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("require"))
    dialog.remember.setChecked(True)
    if SHOTS:
        for lang in ("en", "zh_CN"):
            set_locale(lang)
            shot = FirmConnectDialog(window_settings(), window, pgpass)
            shot.grab().save(str(Path(SHOTS) / f"firm-connect-{lang}.png"))
            shot.deleteLater()
        set_locale("en")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    url = str(window_settings().value(URL_KEY))
    assert url == "postgresql://ann@db.office.lan:5432/juliu_firm?sslmode=require" and "Secret" not in url
    assert pgpass.read_text(encoding="utf-8") == "db.office.lan:5432:juliu_firm:ann:Secret-42\n"
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert "juliu_firm" in window.statusBar().currentMessage()
    again = _open(window, pgpass, monkeypatch)  # shows what was saved, and no password
    assert (again.host.text(), again.database.text(), again.user.text(), again.password.text()) == (
        "db.office.lan", "juliu_firm", "ann", "")
    again.remember.setChecked(False)
    type_text(again.password, "Other-1")
    again.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "Other-1" not in pgpass.read_text(encoding="utf-8")  # asked at each start instead


def test_test_connection_against_the_real_server(window: MainWindow, pg_url: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    parts = conninfo_to_dict(pg_url)
    dialog = _open(window, tmp_path / "pgpass", monkeypatch)
    type_text(dialog.host, str(parts["host"]))
    dialog.port.setValue(int(str(parts.get("port") or 5432)))
    type_text(dialog.database, "no_such_database")
    type_text(dialog.user, str(parts.get("user") or "postgres"))
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("disable"))
    assert not dialog.test()
    assert "Could not connect" in dialog.status.text() and "no_such_database" in dialog.status.text()
    dialog.database.clear()
    type_text(dialog.database, str(parts["dbname"]))
    dialog.test_button.click()
    assert dialog.status.text().startswith("Connected: PostgreSQL ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert str(window_settings().value(URL_KEY)).endswith(f"/{parts['dbname']}?sslmode=disable")
