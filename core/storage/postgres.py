"""A firm's shared store on PostgreSQL (issue 13): connecting, creating the schema, its version.

The schema comes from the same numbered migrations as the SQLite file, translated by core.storage.dialect.
PostgreSQL has no `user_version`: the version is one row in `juliu_schema`. Repositories over this engine are
still to come (docs/firm.md says what works today).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from core.storage.db import MIGRATIONS_DIR, migrations
from core.storage.dialect import UntranslatableSQL, to_postgres
from core.storage.health import StorageError

__all__ = ["InitResult", "connect", "init_schema", "schema_version", "redact"]

CONNECT_TIMEOUT_S = 5
_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS juliu_schema (version BIGINT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"


@dataclass(frozen=True)
class InitResult:
    before: int
    after: int
    applied: tuple[str, ...]


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:  # not even a URL (an unbalanced IPv6 bracket): show only its scheme
        return url.split("://", 1)[0] + "://…"
    if password is None:
        return url
    netloc = parts.netloc.replace(f":{password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def connect(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the firm database, or StorageError saying why not (never the password)."""
    if not url.startswith(("postgresql://", "postgres://")):
        raise StorageError(f"{redact(url)}: not a PostgreSQL URL (expected postgresql://user@host:port/database)")
    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:  # a malformed URL or an unknown option
        raise StorageError(f"{redact(url)}: invalid connection URL: {_hide_password(str(exc), url)}") from exc
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, application_name="juliu")
    except psycopg.Error as exc:  # server down, wrong host, refused login, no such database, bad option value
        text = _hide_password(str(exc).strip(), url)
        reason = " ".join(line.strip() for line in text.splitlines()) or type(exc).__name__
        raise StorageError(f"{redact(url)}: cannot reach the firm database: {reason}") from exc


def _hide_password(text: str, url: str) -> str:
    text = text.replace(url, redact(url))  # libpq quotes the whole URL in some messages
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    return text.replace(password, "***") if password else text


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
                    raise StorageError(f"{redact(url)}: schema version {current} is newer than this Juliu knows "
                                       f"({latest}); update Juliu before using this database")
                applied = []
                for number, script in steps:
                    if number <= current:
                        continue
                    for stmt in to_postgres(script.read_text(encoding="utf-8"), script.name):
                        conn.execute(stmt.encode("utf-8"))
                    conn.execute("INSERT INTO juliu_schema (version, applied_at) VALUES (%s, now())", (number,))
                    applied.append(script.name)
        except UntranslatableSQL as exc:
            raise StorageError(str(exc)) from exc
        except psycopg.Error as exc:
            raise StorageError(f"{redact(url)}: creating the schema failed, nothing was changed: {exc}") from exc
    return InitResult(before=current, after=max(current, latest), applied=tuple(applied))
