"""The receiving end of the change notices (core/storage/pg/notices.py): a connection of its own that LISTENs,
waited on with `select` (never on the GUI thread: ui/shell/live_refresh.py runs it on a thread of its own), and
that connects again after a lost connection.
"""
from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg.pq import ConnStatus

from core.i18n import _
from core.storage.pg.connection import redact
from core.storage.pg.notices import CHANNEL, Notice
from core.storage.pg.postgres import connect
from core.storage.sqlite.health import StorageError

__all__ = ["ChangeListener"]


class ChangeListener:
    """A LISTENing connection of its own. `wait` returns the notices that arrived (possibly none) and raises
    StorageError when the connection is lost; the next `wait` connects again. `wake` (from any thread) makes a
    waiting `wait` return at once, to stop."""

    def __init__(self, url: str):
        self.url = url
        self._conn: psycopg.Connection[Any] | None = None
        self._backlog: list[psycopg.Notify] = []
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)

    @property
    def connected(self) -> bool:
        return self._conn is not None

    def connect(self) -> None:
        conn = connect(self.url, autocommit=True, keepalive=True)
        try:
            conn.add_notify_handler(self._backlog.append)  # notices read while a statement ran
            conn.execute(f"LISTEN {CHANNEL}".encode())
        except psycopg.Error as exc:
            conn.close()
            raise self._lost(exc) from exc
        self._conn = conn

    def wait(self, timeout: float) -> list[Notice]:
        """The notices received within `timeout` seconds: returns as soon as some arrive, or on `wake`."""
        if self._conn is None:
            self.connect()
        assert self._conn is not None
        if not self._backlog:
            try:
                ready, _w, _x = select.select([self._conn.fileno(), self._wake_r.fileno()], [], [], timeout)
            except (OSError, ValueError) as exc:  # the socket closed under us
                raise self._drop(exc) from exc
            if self._wake_r.fileno() in ready:
                self._drain_wake()
                return []
        return [n for n in self._read() if n is not None]

    def _read(self) -> Iterator[Notice | None]:
        assert self._conn is not None
        pgconn = self._conn.pgconn
        try:
            pgconn.consume_input()
            self._take(pgconn)
            # A LISTENing connection is readable for notices only; readable with none means the server is ending
            # the session (restart, terminated): its FATAL message came first, the close follows. Read that too.
            for _attempt in range(3):
                if self._backlog or not select.select([pgconn.socket], [], [], 0.5)[0]:
                    break
                pgconn.consume_input()
                self._take(pgconn)
            if pgconn.status != ConnStatus.OK:
                raise psycopg.OperationalError(pgconn.get_error_message() or "the server closed the connection")
        except psycopg.Error as exc:
            raise self._drop(exc) from exc
        got, self._backlog = self._backlog, []
        return (Notice.parse(n.payload) for n in got if n.channel == CHANNEL)

    def _take(self, pgconn: Any) -> None:
        while (raw := pgconn.notifies()) is not None:
            self._backlog.append(psycopg.Notify(raw.relname.decode(), raw.extra.decode("utf-8", "replace"),
                                                raw.be_pid))

    def _drop(self, exc: Exception) -> StorageError:
        self.close_connection()
        return self._lost(exc)

    def _lost(self, exc: Exception) -> StorageError:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return StorageError(_("{url}: lost the connection to the firm database ({reason})").format(
                              url=redact(self.url), reason=reason))

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(64):
                pass
        except BlockingIOError:
            pass

    def pause(self, seconds: float) -> bool:
        """Sleep before trying again; False when woken (time to stop)."""
        ready, _w, _x = select.select([self._wake_r], [], [], seconds)
        if ready:
            self._drain_wake()
            return False
        return True

    def wake(self) -> None:
        try:
            self._wake_w.send(b"x")
        except OSError:  # already closed
            pass

    def close_connection(self) -> None:
        conn, self._conn = self._conn, None
        self._backlog = []
        if conn is not None:
            try:
                conn.close()
            except psycopg.Error:
                pass

    def close(self) -> None:
        self.close_connection()
        self._wake_r.close()
        self._wake_w.close()
