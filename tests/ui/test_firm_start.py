"""The window on a firm database (issue 13): the URL the connect dialog saved is opened at the next start; the
password is asked for in a dialog when pgpass has none (a wrong one is said and asked again; "Use the local file
instead" opens the local store), never a traceback; File > Use the local file instead and File > Open the firm
database switch store. Against the real test server; the role `juliu_password_test` must give its password
(tools/pg-test-cluster.sh)."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from core.i18n import set_locale
from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.storage.sqlite.health import StorageError
from tests.conftest import TODAY
from tests.ui.helpers import type_text
from ui.firm.firm_settings import URL_KEY, firm_at_start, set_firm_at_start
from ui.firm.firm_start import open_firm, start_service
from ui.firm.password_dialog import FirmPasswordDialog
from ui.main_window import MainWindow
from ui.shell.window_state import settings as window_settings

SHOTS = os.environ.get("JULIU_SCREENSHOT_DIR")
ROLE, PASSWORD = "juliu_password_test", "Staff-Pass-7"


@pytest.fixture
def pgpass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(path))  # empty: libpq finds no password
    return path


@pytest.fixture
def staff_url(pg_store_url: str, pgpass: Path) -> str:
    """The firm database as a staff member whose password the server checks, as the connect dialog saves it."""
    with psycopg.connect(pg_store_url, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,)).fetchone():
            admin.execute(f"CREATE ROLE {ROLE} LOGIN".encode())
        admin.execute(f"ALTER ROLE {ROLE} PASSWORD '{PASSWORD}'".encode())
        admin.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}".encode())
        admin.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}".encode())
    params = {k: str(v) for k, v in conninfo_to_dict(pg_store_url).items() if v is not None}
    params["user"] = ROLE
    return "postgresql:///?" + urlencode(params)


def _filled(password: str, remember: bool = False, seen: list[bool] | None = None):  # type: ignore[no-untyped-def]
    """An asker that opens the real dialog, types `password` and clicks Connect."""
    def ask(url: str, wrong: bool) -> FirmPasswordDialog | None:
        dialog = FirmPasswordDialog(url, wrong)
        if seen is not None:
            seen.append(not dialog.refused.isHidden())
        type_text(dialog.field, password)
        dialog.remember.setChecked(remember)
        dialog.connect_button.click()
        assert dialog.result() == FirmPasswordDialog.DialogCode.Accepted
        return dialog
    return ask


def test_the_password_is_asked_for_again_when_refused_and_can_be_saved(
        qtbot, staff_url: str, pgpass: Path, locale: str) -> None:  # type: ignore[no-untyped-def]
    seen: list[bool] = []
    answers = iter(["not-it", PASSWORD])

    def ask(url: str, wrong: bool) -> FirmPasswordDialog | None:
        return _filled(next(answers), remember=True, seen=seen)(url, wrong)

    service, note = open_firm(staff_url, ask)
    assert service is not None and note == ""
    try:
        assert seen == [False, True]  # the second time the dialog says the first password was refused
        assert service.url is not None and PASSWORD in service.url  # this session's connections only
        service.save_applicant(Applicant("Lee", "Ann", "李安"))
        assert PASSWORD not in str(service.about())
    finally:
        service.close()
    assert pgpass.read_text(encoding="utf-8").strip().endswith(f":{ROLE}:{PASSWORD}")
    # Next start: pgpass holds it, nobody is asked.
    again, _note = open_firm(staff_url, lambda url, wrong: pytest.fail("asked although pgpass has it"))
    assert again is not None
    again.close()


def test_use_the_local_file_instead(qtbot, staff_url: str, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    def ask(url: str, wrong: bool) -> FirmPasswordDialog | None:
        dialog = FirmPasswordDialog(url, wrong)
        dialog.local_button.click()
        assert dialog.result() == FirmPasswordDialog.DialogCode.Rejected
        return None

    store = window_settings()
    store.setValue(URL_KEY, staff_url)
    set_firm_at_start(store, True)
    service, note = start_service(None, store, lambda: JuliuService.open(data_dir), ask)
    assert service is not None and service.url is None and note == ""
    service.close()


def test_the_real_dialog_is_shown_at_start_and_filled(qtbot, staff_url: str, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = window_settings()
    store.setValue(URL_KEY, staff_url)
    set_firm_at_start(store, True)
    shown: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FirmPasswordDialog):
            QTimer.singleShot(20, fill)
            return
        shown.append(dialog.prompt.text())
        dialog.field.setText(PASSWORD)
        dialog.connect_button.click()

    QTimer.singleShot(0, fill)
    service, _note = start_service(None, store, lambda: pytest.fail("fell back to the local file"))
    assert service is not None and service.url is not None
    assert ROLE in shown[0]
    service.close()


def test_a_saved_database_that_cannot_be_reached_falls_back_to_the_local_file(
        qtbot, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = window_settings()
    store.setValue(URL_KEY, f"postgresql:///?host={tmp_path}&port=1&user=ann&dbname=juliu_firm")
    set_firm_at_start(store, True)
    said: list[str] = []
    service, _note = start_service(None, store, lambda: JuliuService.open(data_dir), warn=said.append)
    assert service is not None and service.url is None
    assert "could not be opened" in said[0] and "Traceback" not in said[0]
    service.close()
    with pytest.raises(StorageError, match="cannot reach the firm database"):  # named on the command line: exit 2
        start_service(str(store.value(URL_KEY)), store, lambda: pytest.fail("fell back"))


def test_file_menu_switches_between_the_firm_database_and_the_local_file(
        qtbot, pg_store_url: str, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = window_settings()
    store.setValue(URL_KEY, pg_store_url)
    set_firm_at_start(store, True)
    firm = JuliuService.open_url(pg_store_url)
    window = MainWindow(firm, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.file_actions.open_local = lambda: JuliuService.open(data_dir)
    replaced: list[JuliuService] = []
    window.store_replaced.connect(replaced.append)
    assert window.file_actions.actions["use_local"].isEnabled()
    assert not window.file_actions.actions["open_firm"].isEnabled()
    window.file_actions.actions["use_local"].trigger()
    assert replaced and replaced[0].url is None and firm_at_start(store) is None
    window.close()
    local = MainWindow(replaced[0], today=lambda: TODAY)
    qtbot.addWidget(local)
    assert local.file_actions.actions["open_firm"].isEnabled()
    local.store_replaced.connect(replaced.append)
    local.file_actions.actions["open_firm"].trigger()
    assert len(replaced) == 2 and replaced[1].url == pg_store_url and firm_at_start(store) == pg_store_url
    local.close()
    replaced[1].close()


def test_password_dialog_screenshots(qtbot, tmp_path: Path, locale: str) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "zh_CN"):
        set_locale(lang)
        dialog = FirmPasswordDialog("postgresql://ann@db.office.lan:5432/juliu_firm", wrong=True,
                                    pgpass=tmp_path / "pgpass")
        qtbot.addWidget(dialog)
        assert "ann" in dialog.prompt.text() and "db.office.lan" in dialog.prompt.text()
        dialog.connect_button.click()  # empty: says so and stays
        assert dialog.result() != FirmPasswordDialog.DialogCode.Accepted and dialog.status.text()
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"firm-password-{lang}.png"))
    set_locale("en")
