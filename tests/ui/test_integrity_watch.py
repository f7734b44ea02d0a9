"""The window's store checked after the window has painted (issue 15): a damaged store gets the message of a failed
check at start and takes no save; a save made while the check runs lands after it; closing the window stops the
check and the deadlines at once. Real SQLite files (a damaged page, a generated firm), real widgets offscreen."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from bench.firm.generate import generate
from core.services import records as records_module
from core.services.facade import JuliuService
from core.storage.recovery import backups
from core.storage.sqlite.db import DB_FILENAME
from core.storage.sqlite.health import DamagedStoreError, quick_check
from tests.conftest import TODAY
from tests.core.storage.recovery.test_health_backups import NOW, _damage, _store_with_data
from tests.ui.helpers import type_text
from ui.main_window import MainWindow
from ui.store.integrity_watch import build_or_check
from ui.store.unlock import offer_restore, open_store


def _window(qtbot: Any, service: JuliuService) -> MainWindow:
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def _add_applicant(window: MainWindow, family: str) -> Any:
    dialog = window.add_applicant()
    type_text(dialog.family_name, family)
    type_text(dialog.given_names, "Anna")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog


@pytest.fixture
def damaged(data_dir: Path) -> tuple[Path, Path]:
    """A store with a damaged page (found by quick_check, not by the reads a start makes) and a good backup."""
    path = _store_with_data(data_dir)
    svc = JuliuService.open(data_dir, now=NOW)
    good = svc.auto_backup("manual", NOW)
    svc.close()
    assert good is not None
    _damage(path)
    return path, good


def test_a_damaged_store_says_so_in_the_window_and_takes_no_save(qtbot: Any, data_dir: Path, lang: str,
                                                                damaged: tuple[Path, Path]) -> None:
    path, good = damaged
    before = path.read_bytes()
    service = JuliuService.open(data_dir, daily_backup=False, check="later")
    try:
        window = _window(qtbot, service)
        with qtbot.waitSignal(window.integrity.checked, timeout=30_000) as heard:
            pass
        error = heard.args[0]
        assert error is not None and error.newest_good == good
        message = window.integrity.message
        assert message is not None and message.isVisible() and message.objectName() == "damaged_store"
        assert "quick_check" in message.text() and good.name in message.text()
        assert message.windowTitle() == ("居留无法打开数据文件" if lang == "zh_CN" else "Juliu cannot open its data")
        message.button(QMessageBox.StandardButton.No).click()  # keep the damaged store open, read only
        dialog = _add_applicant(window, "Refused")
        assert dialog.isVisible() and dialog.refused is not None and dialog.refused.objectName() == "damaged_store"
        assert "quick_check" in dialog.refused.text()
        dialog.refused.close()
        dialog.reject()
        window.close()
    finally:
        service.close()
    assert path.read_bytes() == before


def test_yes_restores_the_newest_good_backup_and_the_window_is_rebuilt(qtbot: Any, data_dir: Path,
                                                                      damaged: tuple[Path, Path]) -> None:
    service = JuliuService.open(data_dir, daily_backup=False, check="later")
    window = _window(qtbot, service)
    replaced: list[JuliuService] = []
    window.store_replaced.connect(replaced.append)
    qtbot.waitUntil(lambda: window.integrity.message is not None, timeout=30_000)
    assert window.integrity.message is not None
    window.integrity.message.button(QMessageBox.StandardButton.Yes).click()
    assert len(replaced) == 1
    try:
        assert len(replaced[0].list_applicants()) == 200
        assert replaced[0].integrity is None  # reopened after a restore: checked at open
        assert list((data_dir / "backups").glob("*-damaged.bad"))
    finally:
        window.close()
        replaced[0].close()


def test_a_save_made_while_the_check_runs_lands_after_it(qtbot: Any, data_dir: Path) -> None:
    _store_with_data(data_dir, 5)
    service = JuliuService.open(data_dir, daily_backup=False, check="later")
    gate = service.integrity
    assert gate is not None
    release, log = threading.Event(), []

    def held_check(conn: Any) -> list[str]:  # the real check, held until the test lets it go
        log.append("check started")
        release.wait(30)
        found = quick_check(conn)
        stored = conn.execute("SELECT count(*) FROM applicant WHERE family_name='During'").fetchone()[0]
        log.append(f"check finished, {stored} saved")
        return found

    gate._run_check = held_check  # noqa: SLF001
    try:
        window = _window(qtbot, service)
        qtbot.waitUntil(lambda: log == ["check started"], timeout=10_000)
        threading.Timer(0.3, release.set).start()
        started = time.perf_counter()
        dialog = _add_applicant(window, "During")  # the GUI thread waits in the save for the check
        assert time.perf_counter() - started >= 0.25
        assert not dialog.isVisible()
        assert log == ["check started", "check finished, 0 saved"]
        assert any(a.family_name == "During" for a in service.list_applicants())
        qtbot.waitUntil(lambda: service.integrity is None, timeout=10_000)  # released: writes no longer ask
        window.close()
    finally:
        release.set()
        service.close()


def test_the_days_backup_comes_after_the_check_not_before_the_window(qtbot: Any, data_dir: Path) -> None:
    path = _store_with_data(data_dir, 5)
    service = JuliuService.open(data_dir, now=NOW + dt.timedelta(days=1), check="later")
    try:
        assert service.backup_due == NOW + dt.timedelta(days=1)
        assert not backups.list_backups(path)  # nothing taken at open
        window = _window(qtbot, service)
        watch = window.integrity
        qtbot.waitUntil(lambda: watch.backup is not None and not watch.backup.running, timeout=30_000)
        taken = backups.list_backups(path)
        assert [b.reason for b in taken] == ["daily"] and taken[0].path.name.startswith("juliu-20261123-")
        assert backups.verify(taken[0].path, None).ok
        window.close()
    finally:
        service.close()


@pytest.fixture(scope="module")
def firm_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("firm") / "firm"
    generate(folder, 300, seed=3, as_of=TODAY)
    return folder


def test_closing_the_window_stops_the_check_and_the_deadlines_at_once(qtbot: Any, firm_store: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "copy"
    shutil.copytree(firm_store, data)
    monkeypatch.setattr(records_module, "DEADLINE_CHUNK", 10)  # 30+ steps for 383 people
    steps: list[tuple[int, int]] = []
    real = records_module.RecordsService.deadlines_for

    def watched(self: Any, as_of: dt.date, ids: Any, within_days: Any = None, progress: Any = None) -> Any:
        def step(done: int, total: int) -> None:
            steps.append((done, total))
            time.sleep(0.03)  # each step a little slower, so the whole takes more than a second
            progress(done, total)
        return real(self, as_of, ids, within_days, step if progress is not None else None)

    monkeypatch.setattr(records_module.RecordsService, "deadlines_for", watched)
    service = JuliuService.open(data, daily_backup=False, check="later")
    gate = service.integrity
    assert gate is not None
    interrupted = threading.Event()

    def long_check(conn: Any) -> list[str]:  # a statement that only an interrupt ends, then the real check
        try:
            conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n")
        except sqlite3.OperationalError:
            interrupted.set()
            raise
        return quick_check(conn)

    gate._run_check = long_check  # noqa: SLF001
    try:
        window = _window(qtbot, service)
        qtbot.waitUntil(lambda: len(steps) >= 2 and gate.state == "running", timeout=20_000)
        started = time.perf_counter()
        window.close()
        took = time.perf_counter() - started
        total = steps[-1][1]
        assert took < 1.0, f"closing took {took:.2f} s"
        assert interrupted.is_set() and gate.state == "interrupted"
        assert steps[-1][0] < total  # the deadlines stopped between chunks, long before the last
        count = len(steps)
        time.sleep(0.2)
        assert len(steps) == count  # and nothing ran on after the window closed
    finally:
        service.close()
    assert (data / DB_FILENAME).exists()


def test_a_damaged_page_met_while_the_window_is_built_is_checked_at_once(qtbot: Any, data_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = _store_with_data(data_dir)
    svc = JuliuService.open(data_dir, now=NOW)
    good = svc.auto_backup("manual", NOW)
    svc.close()
    assert good is not None
    conn = sqlite3.connect(path)
    root, size = conn.execute("SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
                              "WHERE name = 'applicant'").fetchone()
    conn.close()
    with path.open("r+b") as f:  # the client list's own table: the window meets it before any check could run
        f.seek((root - 1) * size)
        f.write(b"\xa5" * size)
    service = JuliuService.open(data_dir, daily_backup=False, check="later")  # opens: nothing of it read yet
    asked: list[str] = []
    monkeypatch.setattr("ui.store.unlock.QMessageBox.question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)

    def reopen_checked() -> JuliuService | None:
        try:
            return open_store(data_dir)
        except DamagedStoreError as damaged:
            return offer_restore(damaged, data_dir)

    def build(current: JuliuService) -> MainWindow:
        window = MainWindow(current, today=lambda: TODAY)
        qtbot.addWidget(window)
        return window

    assert build_or_check(build, service, reopen_checked) is None  # the user said No to the restore
    assert len(asked) == 1 and "quick_check" in asked[0] and good.name in asked[0]
