"""The window's store opened before its quick_check (issue 15): writes wait for the check, a failed check lets
none through, closing interrupts a check still running. Real SQLite files, a real damaged page."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.storage.sqlite.db import DB_FILENAME
from core.storage.sqlite.deferred_check import IntegrityGate, gate_of
from core.storage.sqlite.health import DamagedStoreError, quick_check
from tests.core.storage.recovery.test_health_backups import NOW, _damage, _store_with_data


def test_a_checked_open_has_no_gate_and_a_later_one_waits_for_its_check(data_dir: Path) -> None:
    _store_with_data(data_dir, 5)
    checked = JuliuService.open(data_dir, daily_backup=False)
    assert checked.integrity is None and gate_of(checked._conn) is None  # noqa: SLF001
    checked.close()
    svc = JuliuService.open(data_dir, daily_backup=False, check="later")
    try:
        gate = svc.integrity
        assert gate is not None and gate.state == "pending"
        svc.save_applicant(Applicant("After", "Check"))  # the first write runs the check, here, first
        assert gate.state == "passed"
        assert any(a.family_name == "After" for a in svc.list_applicants())
    finally:
        svc.close()


def test_a_new_store_and_one_that_needs_migrating_are_checked_at_open(data_dir: Path) -> None:
    svc = JuliuService.open(data_dir, daily_backup=False, check="later")  # nothing to check in a new file
    assert svc.integrity is None
    svc.close()
    path = _store_with_data(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")  # an older schema: migrating writes, so the check comes first
    conn.close()
    _damage(path)
    with pytest.raises(DamagedStoreError):
        JuliuService.open(data_dir, daily_backup=False, check="later")


def test_a_damaged_store_opens_later_then_refuses_every_write(data_dir: Path) -> None:
    path = _store_with_data(data_dir)
    svc = JuliuService.open(data_dir, now=NOW)
    good = svc.auto_backup("manual", NOW)
    svc.close()
    _damage(path)
    before = path.read_bytes()
    svc = JuliuService.open(data_dir, daily_backup=False, check="later")  # no check at open: it opens
    try:
        heard: list[DamagedStoreError | None] = []
        finished = threading.Event()
        assert svc.start_check(lambda error: (heard.append(error), finished.set()))
        assert finished.wait(30)
        assert isinstance(heard[0], DamagedStoreError) and heard[0].check == "quick_check"
        assert heard[0].newest_good == good and str(good) in str(heard[0])
        with pytest.raises(DamagedStoreError):
            svc.save_applicant(Applicant("Never", "Written"))
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):  # a write outside a transaction too
            svc.changes.purge_bin(NOW + dt.timedelta(days=999), 0)
        svc.check_passed()  # a failed check is never released
        assert svc.integrity is not None and svc.integrity.state == "failed"
    finally:
        svc.close()
    assert path.read_bytes() == before


def _slow_check(release: threading.Event, log: list[str]) -> Any:
    def check(conn: Any) -> list[str]:
        log.append("check started")
        release.wait(30)
        found = quick_check(conn)
        log.append("check finished")
        return found
    return check


def test_a_save_made_while_the_check_runs_lands_after_it(data_dir: Path) -> None:
    _store_with_data(data_dir, 5)
    svc = JuliuService.open(data_dir, daily_backup=False, check="later")
    try:
        assert svc.integrity is not None
        release, log = threading.Event(), []
        svc.integrity._run_check = _slow_check(release, log)  # noqa: SLF001 (the real check, held until released)
        assert svc.start_check()
        saver = threading.Thread(target=lambda: (svc.save_applicant(Applicant("During", "Check")),
                                                 log.append("saved")))
        saver.start()
        time.sleep(0.2)
        assert log == ["check started"]  # the save waits
        release.set()
        saver.join(30)
        assert log == ["check started", "check finished", "saved"]
        svc.check_passed()
        assert svc.integrity is None
        assert any(a.family_name == "During" for a in svc.list_applicants())
    finally:
        svc.close()


def test_closing_interrupts_a_running_check_and_a_later_write_checks_first(data_dir: Path) -> None:
    _store_with_data(data_dir, 5)
    gate = IntegrityGate(data_dir / DB_FILENAME, None, lambda: None)
    interrupted = threading.Event()

    def endless(conn: Any) -> list[str]:
        try:  # a query that would run for minutes: only an interrupt ends it
            conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n")
        except sqlite3.OperationalError:
            interrupted.set()
            raise
        return []

    gate._run_check = endless  # noqa: SLF001
    assert gate.start()
    time.sleep(0.1)
    started = time.perf_counter()
    gate.cancel()
    assert time.perf_counter() - started < 2 and interrupted.is_set()
    assert gate.state == "interrupted" and gate.error is None
    gate._run_check = quick_check  # noqa: SLF001
    gate.wait()  # a write now: the check runs on this thread first
    assert gate.state == "passed"


def test_a_workers_reader_waits_for_the_check_too_and_closing_it_does_not_stop_the_check(data_dir: Path) -> None:
    _store_with_data(data_dir, 5)
    svc = JuliuService.open(data_dir, daily_backup=False, check="later")
    try:
        assert svc.integrity is not None
        release, log = threading.Event(), []
        svc.integrity._run_check = _slow_check(release, log)  # noqa: SLF001
        assert svc.start_check()
        idle = svc.reader()
        idle.close()  # a reader that goes leaves the check running
        assert svc.integrity.state == "running"
        reader = svc.reader()  # a worker's connection (a case import writes through one)
        saver = threading.Thread(target=lambda: (reader.save_applicant(Applicant("Worker", "Write")),
                                                 log.append("saved")))
        saver.start()
        time.sleep(0.2)
        assert log == ["check started"]
        release.set()
        saver.join(30)
        reader.close()
        assert log == ["check started", "check finished", "saved"]
    finally:
        svc.close()


def test_a_workers_reader_on_a_damaged_store_writes_nothing(data_dir: Path) -> None:
    path = _store_with_data(data_dir)
    _damage(path)
    svc = JuliuService.open(data_dir, daily_backup=False, check="later")
    try:
        reader = svc.reader()
        try:
            with pytest.raises(DamagedStoreError):  # its first write runs the check (not started yet) and fails
                reader.save_applicant(Applicant("Never", "Written"))
        finally:
            reader.close()
        assert svc.integrity is not None and svc.integrity.state == "failed"
    finally:
        svc.close()
