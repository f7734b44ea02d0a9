"""A firm's shared store on PostgreSQL (issue 13): connecting, creating the schema, its version.

The schema comes from the same numbered migrations as the SQLite file, translated by core.storage.pg.dialect.
PostgreSQL has no `user_version`: the version is one row in `juliu_schema`. `open_store` gives the connection the
repositories use (core/storage/pg/connection.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from core.i18n import _
from core.storage.pg import history as pg_history
from core.storage.pg import notices as pg_notices
from core.storage.pg import roles as pg_roles
from core.storage.pg.connection import PgConnection, redact, wrap
from core.storage.pg.dialect import UntranslatableSQL, postgres_migration
from core.storage.pg.firm_login import PasswordNeeded, password_problem
from core.storage.sqlite.db import MIGRATIONS_DIR, migrations
from core.storage.sqlite.health import StorageError

__all__ = ["InitResult", "connect", "init_schema", "open_store", "schema_version", "redact"]

CONNECT_TIMEOUT_S = 5
_KEEPALIVE: dict[str, Any] = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}
_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS juliu_schema (version BIGINT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"


@dataclass(frozen=True)
class InitResult:
    before: int
    after: int
    applied: tuple[str, ...]


def connect(url: str, *, autocommit: bool = False, keepalive: bool = False) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the firm database, or StorageError saying why not (never the password). `keepalive`: TCP
    keepalives, so a connection that only waits (LISTEN) notices a pulled cable in about half a minute."""
    if not url.startswith(("postgresql://", "postgres://")):
        raise StorageError(_("{url}: not a PostgreSQL URL (expected postgresql://user@host:port/database)").format(
                             url=redact(url)))
    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:  # a malformed URL or an unknown option
        raise StorageError(_("{url}: invalid connection URL: {detail}").format(
                             url=redact(url), detail=_hide_password(str(exc), url))) from exc
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, application_name="juliu", autocommit=autocommit,
                               **(_KEEPALIVE if keepalive else {}))
    except psycopg.Error as exc:  # server down, wrong host, refused login, no such database, bad option value
        text = _hide_password(str(exc).strip(), url)
        reason = " ".join(line.strip() for line in text.splitlines()) or type(exc).__name__
        message = f"{redact(url)}: cannot reach the firm database: {reason}"
        wrong = password_problem(exc)
        if wrong is not None:  # the window asks for it (ui/firm/firm_start.py)
            raise PasswordNeeded(message, wrong) from exc
        raise StorageError(message) from exc


def _hide_password(text: str, url: str) -> str:
    text = text.replace(url, redact(url))  # libpq quotes the whole URL in some messages
    try:
        parts = urlsplit(url)
        passwords = [parts.password, *parse_qs(parts.query).get("password", [])]
    except ValueError:
        passwords = []
    for password in passwords:
        if password:
            text = text.replace(password, "***")
    return text


def schema_version(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    """The schema version recorded in the database; 0 for an empty database."""
    row = conn.execute("SELECT to_regclass('juliu_schema') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    got = conn.execute("SELECT max(version) FROM juliu_schema").fetchone()
    return int(got[0]) if got and got[0] is not None else 0  # type: ignore[call-overload]


def init_schema(url: str, *, directory: Path = MIGRATIONS_DIR) -> InitResult:
    """Create or bring up to date the schema of the firm database, all pending migrations in one transaction.

    Refuses a database whose schema is newer than this Juliu knows. Nothing is changed when a step fails.
    """
    steps = migrations(directory)
    latest = steps[-1][0] if steps else 0
    with connect(url) as conn:
        try:
            with conn.transaction():
                conn.execute(_VERSION_TABLE)
                conn.execute("LOCK TABLE juliu_schema IN EXCLUSIVE MODE")  # two `firm init` at once: one waits
                current = schema_version(conn)
                if current > latest:
                    raise StorageError(_("{url}: schema version {current} is newer than this Juliu knows ({latest}); "
                                         "update Juliu before using this database").format(
                                         url=redact(url), current=current, latest=latest))
                applied = []
                for number, script in steps:
                    if number <= current:
                        continue
                    for stmt in postgres_migration(script):
                        conn.execute(stmt.encode("utf-8"))
                    conn.execute("INSERT INTO juliu_schema (version, applied_at) VALUES (%s, now())", (number,))
                    applied.append(script.name)
                pg_history.install(conn)
                pg_notices.install(conn)
                pg_roles.install(conn)
        except UntranslatableSQL as exc:
            raise StorageError(str(exc)) from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StorageError(_("{url}: creating the schema failed, nothing was changed: {exc} (`firm init` runs as "
                                 "the database's owner, with the right to create roles: CREATEROLE)").format(
                                 url=redact(url), exc=exc)) from exc
        except psycopg.Error as exc:
            raise StorageError(_("{url}: creating the schema failed, nothing was changed: {exc}").format(
                                 url=redact(url), exc=exc)) from exc
    return InitResult(before=current, after=max(current, latest), applied=tuple(applied))


def open_store(url: str, who: str | None = None, *, directory: Path = MIGRATIONS_DIR) -> PgConnection:
    """A connection for the repositories, to a database whose schema `firm init` made current.

    `who` names the staff member in the history (default: the database role). Refuses an empty database and one
    whose schema is older or newer than this Juliu, with what to do.
    """
    steps = migrations(directory)
    latest = steps[-1][0] if steps else 0
    raw = connect(url, autocommit=True)
    try:
        current = schema_version(raw)
    except psycopg.Error as exc:
        raw.close()
        raise StorageError(_("{url}: cannot read the firm database: {detail}").format(
                             url=redact(url), detail=_hide_password(str(exc), url))) from exc
    if current != latest:
        raw.close()
        if current == 0:
            raise StorageError(_("{url}: no Juliu schema in this database; create it with `juliu firm init "
                                 "{url}`").format(url=redact(url)))
        if current < latest:
            raise StorageError(_("{url}: schema version {current} is older than this Juliu ({latest}); update it "
                                 "with `juliu firm init {url}`").format(
                                 url=redact(url), current=current, latest=latest))
        raise StorageError(_("{url}: schema version {current} is newer than this Juliu knows ({latest}); update "
                             "Juliu before using this database").format(
                             url=redact(url), current=current, latest=latest))
    return wrap(raw, url, who)

