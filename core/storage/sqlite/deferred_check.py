"""The store's quick_check after the window shows, not before (issue 15: at 10,000 clients it reads 735 MB, 1.7 s).

The window opens the store without the check (`open_database(check=False)`), guards its connection with an
`IntegrityGate` and starts the check on a read connection of the gate's own, on a thread of its own. Until the
check has passed, every write on the guarded connection waits for it: a transaction's BEGIN (db.py `transaction`)
asks the gate first, and an authorizer on the connection holds any other write (an INSERT, UPDATE, DELETE or schema
change outside a transaction) at the same point. A failed check is the same DamagedStoreError as at a checked open,
naming the newest good backup, and from then on no write goes through. Closing the store interrupts a check still
running (sqlite3 `Connection.interrupt`); a write after an interrupted or never started check runs the check first,
on the writing thread. The command line keeps its check at open: there the gate is never used.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.storage.sqlite.cipher import raw_connect
from core.storage.sqlite.health import DamagedStoreError, database_errors, db_os_errors

Done = Callable[[DamagedStoreError | None], None]

_WRITES = frozenset({
    sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE, sqlite3.SQLITE_ALTER_TABLE,
    sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_CREATE_TRIGGER,
    sqlite3.SQLITE_CREATE_VIEW, sqlite3.SQLITE_DROP_TABLE, sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_DROP_TRIGGER,
    sqlite3.SQLITE_DROP_VIEW, sqlite3.SQLITE_REINDEX, sqlite3.SQLITE_ANALYZE})
_gates: dict[int, tuple[Any, IntegrityGate, bool]] = {}  # id(connection) -> (it, kept alive; its gate; owner?)


class IntegrityGate:
    """The pending quick_check of one store and the writes that wait for it. States: "pending" (not run yet),
    "running", "passed", "failed" (`error` says why), "interrupted" (the store was closed while it ran)."""

    def __init__(self, path: Path, passphrase: str | None, newest_good: Callable[[], Path | None],
                 check: Callable[[Any], list[str]] | None = None):
        self.path, self._passphrase, self._newest_good = path, passphrase, newest_good
        self._run_check = check or _quick_check
        self.state = "pending"
        self.error: DamagedStoreError | None = None
        self._lock = threading.Lock()
        self._settled = threading.Event()  # set when the check thread has finished, whatever the outcome
        self._reader: Any = None
        self._thread: threading.Thread | None = None
        self._cancelled = False

    def guard(self, conn: Any, owner: bool = True) -> None:
        """From now on writes on `conn` wait for the check (call on the connection's own thread). The owner's
        connection is the store's own: closing it stops the check; a worker's reader (owner=False) only waits."""
        _gates[id(conn)] = (conn, self, owner)
        conn.set_authorizer(self._authorize)

    def start(self, done: Done | None = None) -> bool:
        """Run the check on a thread of its own; `done(error or None)` is called on that thread when it passed or
        failed (not when interrupted). False when it already ran or the store is closing."""
        with self._lock:
            if self.state != "pending" or self._cancelled:
                return False
            self.state = "running"
            self._thread = threading.Thread(target=self._background, args=(done,), name="juliu-quick-check",
                                            daemon=True)
        self._thread.start()
        return True

    @property
    def passed(self) -> bool:
        return self.state == "passed"

    def wait(self) -> None:
        """Before a write: returns once the check has passed; raises the DamagedStoreError when it failed. A check
        not started, or interrupted, runs now on this thread."""
        if self.state == "passed":
            return
        if self._thread is not None:
            self._settled.wait()
        with self._lock:
            if self.state in ("pending", "interrupted"):
                self.state, self._cancelled = "running", False
                self._settle(*self._outcome())
        if self.error is not None:
            raise self.error

    def cancel(self, timeout: float = 10.0) -> None:
        """The store is closing: stop a running check (it counts as not run) and wait for its thread to end."""
        with self._lock:
            self._cancelled = True
        thread = self._thread
        while thread is not None and thread.is_alive() and timeout > 0:
            reader = self._reader
            if reader is not None:
                reader.interrupt()  # the PRAGMA stops with "interrupted" within milliseconds
            thread.join(0.02)
            timeout -= 0.02

    def release(self, conn: Any) -> None:
        """After the check passed, on the connection's thread: writes no longer ask the gate."""
        if self.state == "passed" and gate_of(conn) is self:
            conn.set_authorizer(None)
            del _gates[id(conn)]

    def _background(self, done: Done | None) -> None:
        outcome = self._outcome()
        with self._lock:
            self._settle(*outcome)
        self._settled.set()
        if done is not None and self.state in ("passed", "failed"):
            done(self.error)

    def _outcome(self) -> tuple[str, DamagedStoreError | None]:
        problems = self._check()
        if problems is None:
            return "interrupted", None
        if problems:
            return "failed", DamagedStoreError(self.path, "quick_check", problems, self._newest_good())
        return "passed", None

    def _check(self) -> list[str] | None:
        """The problems found ([] when sound), or None when interrupted."""
        try:
            reader = raw_connect(self.path, self._passphrase)
        except db_os_errors() as exc:
            return [str(exc)]
        self._reader = reader
        try:
            if self._cancelled:
                return None
            problems = self._run_check(reader)
            return None if self._cancelled and problems else problems
        except database_errors() as exc:
            return None if self._cancelled else [str(exc)]
        finally:
            self._reader = None
            reader.close()

    def _settle(self, state: str, error: DamagedStoreError | None) -> None:
        self.state, self.error = state, error

    def _authorize(self, action: int, _arg1: str | None, _arg2: str | None, db: str | None,
                   _trigger: str | None) -> int:
        if self.state == "passed" or action not in _WRITES or db == "temp":
            return sqlite3.SQLITE_OK
        try:
            self.wait()
        except DamagedStoreError:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK


def gate_of(conn: Any) -> IntegrityGate | None:
    """The gate guarding `conn`, if its check has not been released yet."""
    found = _gates.get(id(conn))
    return found[1] if found is not None and found[0] is conn else None


def forget(conn: Any) -> None:
    """The connection is closing: its gate lets go of it, and stops its check when it was the store's own."""
    found = _gates.pop(id(conn), None)
    if found is not None and found[2]:
        found[1].cancel()


def _quick_check(conn: Any) -> list[str]:
    """PRAGMA quick_check, letting an interruption through as an error (health.quick_check would call it damage)."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows
