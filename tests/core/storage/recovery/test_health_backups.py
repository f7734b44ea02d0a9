"""Damage detection and rotating backups on real SQLite files: true messages, verified copies, the policy."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.storage.recovery import backups
from core.storage.sqlite.db import DB_FILENAME, MIGRATIONS_DIR, open_database
from core.storage.sqlite.health import (
    DamagedStoreError,
    DiskFullError,
    EmptyStoreError,
    ReadOnlyStoreError,
    StorageError,
    translate,
)

NOW = dt.datetime(2026, 11, 22, 9, 30)


def _store_with_data(data: Path, n: int = 200) -> Path:
    svc = JuliuService.open(data, now=NOW)
    for i in range(n):
        svc.save_applicant(Applicant(f"Family{i}", "Given " * 20, "王小明"))
    svc.close()
    return data / DB_FILENAME


def _damage(path: Path) -> None:
    """Overwrite 1 KiB of a page in the middle of the file, as the adversarial probe did."""
    pages = path.stat().st_size // 4096
    with path.open("r+b") as f:
        f.seek(pages // 2 * 4096)
        f.write(b"\xa5" * 1024)


def test_zero_byte_store_is_refused_and_left_alone(data_dir: Path):
    path = data_dir / DB_FILENAME
    path.write_bytes(b"")
    with pytest.raises(EmptyStoreError, match="empty"):
        JuliuService.open(data_dir)
    assert path.stat().st_size == 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_store_says_read_only(data_dir: Path):
    path = _store_with_data(data_dir, 1)
    path.chmod(0o400)
    with pytest.raises(ReadOnlyStoreError, match="read-only"):
        JuliuService.open(data_dir)


def test_read_only_store_says_read_only_by_access_check(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    path = _store_with_data(data_dir, 1)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path and mode & os.W_OK else real(p, mode))
    with pytest.raises(ReadOnlyStoreError, match="read-only") as err:
        JuliuService.open(data_dir)
    assert "damaged" not in str(err.value)


def test_full_disk_gets_its_own_message(data_dir: Path):
    path = _store_with_data(data_dir, 1)
    conn = open_database(path)
    conn.execute("PRAGMA max_page_count = 1")  # SQLITE_FULL exactly as a full disk reports it
    big = "x" * 100_000
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.execute("INSERT INTO applicant (family_name) VALUES (?)", (big,))
    conn.close()
    assert isinstance(translate(raised.value, path), DiskFullError)
    assert "disk is full" in str(translate(OSError(28, "No space left on device"), path))


def test_damaged_store_is_refused_at_open_naming_the_check_and_the_newest_good_backup(data_dir: Path):
    path = _store_with_data(data_dir)
    svc = JuliuService.open(data_dir, now=NOW)
    good = svc.auto_backup("manual", NOW)
    svc.close()
    taken = backups.list_backups(path)
    _damage(path)
    with pytest.raises(DamagedStoreError) as err:
        JuliuService.open(data_dir, now=NOW + dt.timedelta(days=1))
    assert err.value.check in ("quick_check", "open")
    assert err.value.newest_good == good
    assert str(good) in str(err.value)
    assert backups.list_backups(path) == taken  # no backup of the damaged store


def test_damaged_store_is_never_backed_up_nor_exported(data_dir: Path, tmp_path: Path):
    path = _store_with_data(data_dir)
    svc = JuliuService.open(data_dir, now=NOW)
    good = svc.auto_backup("daily", NOW)
    before = good.read_bytes() if good else b""
    # an index whose entries no longer match its table: quick_check passes, integrity_check does not
    svc.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE junk (x, y)")
    conn.execute("INSERT INTO junk VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    conn.execute("CREATE INDEX junk_x ON junk(x)")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX junk_x ON junk(y)' WHERE name = 'junk_x'")
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()
    svc = JuliuService.open(data_dir, now=NOW, daily_backup=False)
    try:
        with pytest.raises(DamagedStoreError, match="integrity_check"):
            svc.auto_backup("daily", NOW + dt.timedelta(days=1))
        with pytest.raises(DamagedStoreError):
            svc.backup_to(tmp_path / "copy.sqlite3")
        with pytest.raises(DamagedStoreError):
            svc.require_sound()
    finally:
        svc.close()
    assert not (tmp_path / "copy.sqlite3").exists()
    assert [b.path for b in backups.list_backups(path)] == [good]
    assert good is not None and good.read_bytes() == before


def test_backup_is_verified_private_and_leftover_partials_are_removed(data_dir: Path):
    path = _store_with_data(data_dir, 3)
    folder = data_dir / "backups"
    folder.mkdir(exist_ok=True)
    leftover = folder / "juliu-20261120-000000-daily.sqlite3.partial"
    leftover.write_bytes(b"half a backup")
    svc = JuliuService.open(data_dir, now=NOW)
    svc.close()
    assert not leftover.exists()
    (info,) = backups.list_backups(path)
    assert info.reason == "daily" and info.taken == NOW
    assert backups.verify(info.path, None).ok and backups.verify(info.path, None).applicants == 3
    if os.name == "posix":
        assert info.path.stat().st_mode & 0o777 == 0o600
        assert folder.stat().st_mode & 0o777 == 0o700
    assert not backups.verify(leftover, None).ok


def test_daily_backup_once_a_day(data_dir: Path):
    path = _store_with_data(data_dir, 1)
    for hour in (10, 11, 12):
        JuliuService.open(data_dir, now=NOW.replace(hour=hour)).close()
    assert len(backups.list_backups(path)) == 1
    JuliuService.open(data_dir, now=NOW + dt.timedelta(days=1)).close()
    assert len(backups.list_backups(path)) == 2


def test_rotation_keeps_7_daily_4_weekly_12_monthly(data_dir: Path):
    path = _store_with_data(data_dir, 1)
    src = open_database(path)
    start = dt.datetime(2025, 1, 1, 8, 0)
    for day in range(400):
        backups.write_backup(src, path, "daily", None, start + dt.timedelta(days=day))
        if day % 50 == 0:
            backups.prune(path, backups.Policy())
    backups.write_backup(src, path, "manual", None, start)
    src.close()
    removed = backups.prune(path, backups.Policy(7, 4, 12))
    kept = backups.list_backups(path)
    automatic = [b for b in kept if b.reason == "daily"]
    days = {b.taken.date() for b in automatic}
    last = (start + dt.timedelta(days=399)).date()
    assert {last - dt.timedelta(days=i) for i in range(7)} <= days
    assert len({b.taken.isocalendar()[:2] for b in automatic}) >= 4
    assert len({(b.taken.year, b.taken.month) for b in automatic}) == 12
    assert len(automatic) <= 7 + 4 + 12
    assert any(b.reason == "manual" for b in kept)  # asked for by the user: never pruned
    assert removed


def test_failing_migration_is_copied_once_not_on_every_open(tmp_path: Path):
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for script in sorted(MIGRATIONS_DIR.glob("*.sql")):
        shutil.copy(script, migrations)
    path = tmp_path / "data" / DB_FILENAME
    open_database(path, directory=migrations).close()
    number = len(list(migrations.glob("*.sql"))) + 1
    (migrations / f"{number:04d}_broken.sql").write_text("ALTER TABLE applicant ADD COLUMN x TEXT;\nNOT SQL;")
    for minute in range(3):
        with pytest.raises(StorageError, match="broken"):
            open_database(path, directory=migrations, now=NOW.replace(minute=minute))
    (copy,) = backups.list_backups(path)
    assert copy.reason.startswith("migrate-")


def test_two_backups_at_once_in_one_second_both_kept(data_dir: Path):
    """The window's import (GUI thread) and an import off the GUI thread can back up in the same second: neither may
    remove the other's half-written copy (a FileNotFoundError was seen once) and both are kept under their own name."""
    path = _store_with_data(data_dir, 50)
    errors: list[BaseException] = []
    written: list[Path] = []
    start = threading.Barrier(4)

    def one() -> None:
        conn = open_database(path)
        try:
            start.wait()
            written.append(backups.write_backup(conn, path, "before-import", None, NOW))
        except BaseException as exc:  # noqa: BLE001 — collected for the assertion below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(written)) == 4
    assert all(backups.verify(p, None).ok for p in written)
