"""A PostgreSQL connection that the repositories use exactly as they use SQLite's (issue 13).

The repositories hold a `core.storage.sqlite.db.Connection` and call `execute`, `executemany`, `in_transaction` and the
cursor's `fetchone`/`fetchall`/`rowcount`/`lastrowid`. `PgConnection` gives psycopg 3 that shape: each statement
is rewritten once by core.storage.pg.dialect.pg_statement (placeholders, RETURNING id, BEGIN IMMEDIATE, PRAGMAs) and
the connection stays in autocommit mode, so transactions are the explicit BEGIN/SAVEPOINT/COMMIT of
core.storage.sqlite.db.transaction, as on SQLite.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.pq import TransactionStatus

from core.i18n import _
from core.storage.pg.dialect import pg_statement
from core.storage.pg.roles import SETTINGS_TABLES, current_role
from core.storage.sqlite.health import PermissionRefused, StorageError

__all__ = ["PgConnection", "PgCursor", "redact"]

ENGINE = "postgresql"


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:  # not even a URL (an unbalanced IPv6 bracket): show only its scheme
        return url.split("://", 1)[0] + "://…"
    url = re.sub(r"([?&]password=)[^&#]*", r"\1***", url)  # postgresql://?service=…&password=…
    if password is None:
        return url
    netloc = parts.netloc.replace(f":{password}@", ":***@", 1)
    return urlsplit(url)._replace(netloc=netloc).geturl()


class PgCursor:
    """The part of sqlite3.Cursor the repositories read."""

    def __init__(self, cursor: psycopg.Cursor[Any] | None, lastrowid: int | None = None):
        self._cursor = cursor
        self.lastrowid = lastrowid

    @property
    def description(self) -> Any:
        return self._cursor.description if self._cursor is not None else None

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount if self._cursor is not None else -1

    def fetchone(self) -> Any:
        if self._cursor is None or self._cursor.description is None:
            return None
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        if self._cursor is None or self._cursor.description is None:
            return []
        return self._cursor.fetchall()

    def fetchmany(self, size: int = 1) -> list[Any]:
        if self._cursor is None or self._cursor.description is None:
            return []
        return self._cursor.fetchmany(size)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """psycopg 3 behind the sqlite3.Connection methods the storage layer uses."""

    engine = ENGINE

    def __init__(self, raw: psycopg.Connection[Any], url: str, who: str | None = None):
        self.raw = raw
        self.url = url
        raw.autocommit = True
        # The history's times are local with their offset, as on SQLite (juliu_now in core/storage/pg/history.py).
        offset = dt.datetime.now().astimezone().strftime("%z")
        raw.execute(f"SET TIME ZONE INTERVAL '{offset[:3]}:{offset[3:]}' HOUR TO MINUTE".encode())
        raw.execute("SELECT set_config('juliu.user', %s, false)", (who or "",))
        self._id_tables = frozenset(str(r[0]) for r in raw.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND column_name = 'id'"))
        # "viewer", "consultant", "administrator", "owner" or None (core/storage/pg/roles.py); read once at connect
        self.staff_role = current_role(raw)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> PgCursor:
        statement, returns_id = pg_statement(sql, self._id_tables)
        if statement is None:  # a PRAGMA: SQLite's settings have no counterpart here
            return PgCursor(None)
        cursor = self.raw.cursor()
        try:
            cursor.execute(statement.encode("utf-8"), tuple(parameters))  # always parsed: `%%` is a literal %
        except psycopg.errors.InsufficientPrivilege as exc:
            raise self.refused(exc) from exc
        except psycopg.OperationalError as exc:
            raise self._lost(exc) from exc
        if returns_id:
            row = cursor.fetchone()
            return PgCursor(cursor, int(row[0]) if row else None)
        return PgCursor(cursor)

    def executemany(self, sql: str, seq: Iterable[Sequence[object]]) -> PgCursor:
        statement, _returns_id = pg_statement(sql, self._id_tables, returning=False)
        if statement is None:
            return PgCursor(None)
        cursor = self.raw.cursor()
        rows = [tuple(r) for r in seq]
        if rows:
            try:
                cursor.executemany(statement.encode("utf-8"), rows)
            except psycopg.errors.InsufficientPrivilege as exc:
                raise self.refused(exc) from exc
            except psycopg.OperationalError as exc:
                raise self._lost(exc) from exc
        return PgCursor(cursor)

    def refused(self, exc: psycopg.Error) -> PermissionRefused:
        """The server refused a statement for this login's role: what the role allows, in the user's language."""
        role = self.staff_role
        label = role_label(role)
        table = (exc.diag.message_primary or "").rsplit(" ", 1)[-1]
        if role == "viewer":
            text = _("You can read but not change clients in this firm database (role {role})")
        elif table in SETTINGS_TABLES:
            text = _("Only an administrator can change the settings of this firm database (your role: {role})")
        elif role is None:
            text = _("You are not a member of staff of this firm database: ask its administrator to add you "
                     "({role})")
        else:
            text = _("The firm database refused this for your role ({role}); nothing was changed")
        return PermissionRefused(text.format(role=label), role)

    def _lost(self, exc: psycopg.OperationalError) -> StorageError:
        """The server went away (network down, server restarted): the open transaction is gone with it."""
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return StorageError(_("{url}: lost the connection to the firm database ({reason}); the change was not "
                              "saved").format(url=redact(self.url), reason=reason))

    def close(self) -> None:
        self.raw.close()

    def description(self) -> str:
        """The engine and server version, for Help > About."""
        version = self.raw.info.server_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"

    def target(self) -> tuple[str, str, str, str]:
        """(host, port, database, user) this connection reached; the password is never part of it."""
        info = self.raw.info
        return str(info.host), str(info.port), str(info.dbname), str(info.user)


def role_label(role: str | None) -> str:
    """A staff role in the user's language."""
    labels = {"viewer": _("viewer"), "consultant": _("consultant"), "administrator": _("administrator"),
              "owner": _("owner")}
    return labels.get(role or "", _("no role"))


def wrap(raw: psycopg.Connection[Any], url: str, who: str | None = None) -> PgConnection:
    try:
        return PgConnection(raw, url, who)
    except psycopg.Error as exc:
        raw.close()
        raise StorageError(_("cannot use the firm database: {exc}").format(exc=exc)) from exc
