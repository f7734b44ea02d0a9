"""The window's side of the store: restore from a backup end to end, the history view, the passphrase at start
(three tries), the lock after idle time, and the encrypted case export."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from core.i18n import set_locale
from core.records.identity import Applicant, Passport
from core.services.facade import JuliuService
from core.storage.sqlite.db import DB_FILENAME
from core.storage.sqlite.health import DamagedStoreError
from tests.conftest import TODAY
from ui.app import idle_minutes
from ui.main_window import MainWindow
from ui.store.history_dialog import HistoryDialog
from ui.store.restore_dialog import RestoreDialog
from ui.store.unlock import IdleLock, offer_restore, open_store

SHOTS = Path(os.environ.get("JULIU_SHOTS", "")) if os.environ.get("JULIU_SHOTS") else None


def _window(qtbot, service: JuliuService) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def test_restore_in_the_window_end_to_end(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    svc = JuliuService.open(data_dir)
    svc.save_applicant(Applicant("Before", "Backup", "备份前"))
    svc.auto_backup("manual", dt.datetime(2026, 11, 20, 9, 0))
    svc.save_applicant(Applicant("After", "Backup", "备份后"))
    window = _window(qtbot, svc)
    assert window.applicant_model.rowCount() == 2
    replaced: list[JuliuService] = []
    window.store_replaced.connect(replaced.append)
    dialog = window.file_actions.restore_backup()
    assert isinstance(dialog, RestoreDialog) and dialog.model.rowCount() == 1
    dialog.view.selectRow(0)
    assert dialog.verify_selected() and "good" in dialog.status.text()
    dialog.confirm(dialog.model.record(0).path, ask=False)
    assert len(replaced) == 1
    reopened = replaced[0]
    try:
        assert [a.chinese_name for a in reopened.list_applicants()] == ["备份前"]
        new_window = _window(qtbot, reopened)
        assert new_window.applicant_model.rowCount() == 1
        kept = [b for b in reopened.list_backups() if b.reason == "before-restore"]
        assert len(kept) == 1  # the store as it was, so the restore can be undone
    finally:
        reopened.close()


def test_history_view_shows_changes_and_the_chain(qtbot, service: JuliuService, locale: str):  # type: ignore[no-untyped-def]
    a = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明"))
    assert a.id is not None
    service.save_passport(Passport(a.id, "E12345678", "GBR", None, dt.date(2031, 5, 4)))
    service.save_applicant(Applicant("Wang", "Xiaoming", "王晓明", nationality="GBR", id=a.id))
    gone = service.save_applicant(Applicant("Li", "Na", "李娜"))
    assert gone.id is not None
    service.delete_applicant(gone.id)
    window = _window(qtbot, service)
    for lang in ("en", "zh_CN"):
        set_locale(lang)
        dialog = window.file_actions.open_history()
        assert isinstance(dialog, HistoryDialog)
        assert dialog.only_selected.isChecked() and dialog.model.rowCount() == 3  # Wang's own entries
        dialog.only_selected.setChecked(False)
        assert dialog.model.rowCount() == 5
        assert "intact" in dialog.chain_label.text() or "✔" in dialog.chain_label.text()
        texts = [dialog.model.data(dialog.model.index(r, 5)) for r in range(dialog.model.rowCount())]
        assert any("王小明 → 王晓明" in t for t in texts)
        assert dialog.bin_model.rowCount() == 1
        if SHOTS:
            dialog.resize(1100, 420)
            dialog.grab().save(str(SHOTS / f"history-{lang}.png"))
            dialog.tabs.setCurrentIndex(1)
            dialog.grab().save(str(SHOTS / f"recycle-bin-{lang}.png"))
            dialog.tabs.setCurrentIndex(0)
        dialog.close()
    dialog = window.file_actions.open_history()
    dialog.bin_view.selectRow(0)
    qtbot.waitUntil(lambda: dialog.bin_view.currentIndex().isValid())


def test_three_wrong_passphrases_end_politely(qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    svc = open_store(data_dir, offer_encryption=lambda: "a good passphrase")
    assert svc is not None and svc.encrypted
    svc.save_applicant(Applicant("Secret", "Person"))
    svc.close()
    before = (data_dir / DB_FILENAME).read_bytes()
    told: list[str] = []
    monkeypatch.setattr("ui.store.unlock.QMessageBox.information", lambda *a: told.append(a[2]))
    tries: list[int] = []
    assert open_store(data_dir, ask_passphrase=lambda n: tries.append(n) or "wrong") is None
    assert tries == [1, 2, 3] and "nothing was changed" in told[0]
    assert (data_dir / DB_FILENAME).read_bytes() == before
    svc = open_store(data_dir, ask_passphrase=lambda n: "wrong" if n < 3 else "a good passphrase")
    assert svc is not None
    try:
        assert [a.family_name for a in svc.list_applicants()] == ["Secret"]
    finally:
        svc.close()


def test_window_locks_after_idle_and_asks_again(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    svc = open_store(data_dir, offer_encryption=lambda: "a good passphrase")
    assert svc is not None
    window = _window(qtbot, svc)
    answers = iter(["wrong one", "a good passphrase"])
    lock = IdleLock(window, svc, 10, asker=lambda: next(answers))
    assert lock.timer.isActive() and lock.timer.interval() == 600_000
    central = window.centralWidget()
    assert lock.lock()
    assert central.isVisible() and not lock.locked
    lock2 = IdleLock(window, svc, 10, asker=lambda: None)  # the user closes the prompt: the window closes
    assert not lock2.lock()
    assert not window.isVisible()
    svc.close()


def test_export_case_encrypted_from_the_window(qtbot, service: JuliuService, tmp_path: Path):  # type: ignore[no-untyped-def]
    a = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明"))
    assert a.id is not None
    service.save_passport(Passport(a.id, "E12345678", "GBR", None, dt.date(2031, 5, 4)))
    window = _window(qtbot, service)
    window.refresh_applicants(select_id=a.id)
    out = tmp_path / "wang.json"
    assert window.file_actions.export_case(out, "hand-over passphrase")
    data = out.read_bytes()
    assert data.startswith(b"JULIUENC") and b"E12345678" not in data
    assert service.records.import_case(out, TODAY, "hand-over passphrase")


def test_damaged_store_at_start_offers_the_newest_good_backup(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch):
    svc = JuliuService.open(data_dir)
    for i in range(100):
        svc.save_applicant(Applicant(f"Family{i}", "Given " * 20))
    good = svc.auto_backup("manual", dt.datetime(2026, 11, 20, 9, 0))
    svc.close()
    path = data_dir / DB_FILENAME
    pages = path.stat().st_size // 4096
    with path.open("r+b") as f:
        f.seek(pages // 2 * 4096)
        f.write(b"\xa5" * 1024)
    with pytest.raises(DamagedStoreError) as raised:
        open_store(data_dir)
    assert raised.value.newest_good == good
    asked: list[str] = []
    monkeypatch.setattr("ui.store.unlock.QMessageBox.question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    restored = offer_restore(raised.value, data_dir)
    assert restored is not None and "quick_check" in asked[0] and good is not None and good.name in asked[0]
    try:
        assert len(restored.list_applicants()) == 100
    finally:
        restored.close()
    assert list((data_dir / "backups").glob("*-damaged.bad"))  # the damaged file kept aside


def test_the_idle_lock_reads_its_setting_for_an_encrypted_store_only(data_dir: Path, tmp_path: Path):
    """A plain store never locks: its start reads none of the rules' settings (issue 15: start-up)."""
    plain = JuliuService.open(tmp_path / "plain", daily_backup=False)
    try:
        assert idle_minutes(plain) == 0 and "setting_service" not in vars(plain)
    finally:
        plain.close()
    secret = open_store(data_dir, offer_encryption=lambda: "a good passphrase")
    assert secret is not None
    try:
        secret.set_setting("lock_after_idle_minutes", 7)
        assert idle_minutes(secret) == 7
    finally:
        secret.close()
