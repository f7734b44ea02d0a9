"""Opening the one SQLite file that holds a user's data: location, pragmas, migrations and backups."""
from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import platformdirs

DB_FILENAME = "juliu.sqlite3"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_savepoints = itertools.count(1)


class StorageError(RuntimeError):
    """The database file cannot be opened or migrated; the message names the file."""


def data_dir(override: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """--data-dir wins, then JULIU_DATA_DIR, then the platform's user data directory."""
    env = os.environ if env is None else env
    if override:
        return Path(override).expanduser()
    if env.get("JULIU_DATA_DIR"):
        return Path(env["JULIU_DATA_DIR"]).expanduser()
    return Path(platformdirs.user_data_dir("Juliu", appauthor=False))


def migrations(directory: Path = MIGRATIONS_DIR) -> list[tuple[int, Path]]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = _MIGRATION_NAME.match(path.name)
        if m:
            found.append((int(m.group(1)), path))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StorageError(f"{directory}: migrations must be numbered 0001, 0002, … without gaps: {numbers}")
    return found


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL and foreign keys on."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")  # deleted scans and passport numbers are overwritten, not left
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(f"{path}: not a Juliu database or damaged ({exc})") from exc
    return conn


Connection = sqlite3.Connection  # what services hold and pass to repositories; only storage runs SQL on it


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All statements inside commit together or not at all; inside another transaction, a savepoint of it."""
    if conn.in_transaction:
        name = f"juliu_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def backup(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy through SQLite's online backup (safe while the database is open)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    *,
    directory: Path = MIGRATIONS_DIR,
    now: dt.datetime | None = None,
) -> Path | None:
    """Bring the schema up to date; copies the file to backups/ first when it already holds data.

    Returns the backup's path, or None when nothing had to be migrated or the file was new.
    """
    steps = migrations(directory)
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = steps[-1][0] if steps else 0
    if current > latest:
        raise StorageError(f"{path}: schema version {current} is newer than this Juliu knows ({latest}); "
                           "update Juliu before opening it")
    pending = [(n, p) for n, p in steps if n > current]
    if not pending:
        return None
    saved = None
    if current > 0:
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        saved = backup(conn, path.parent / "backups" / f"{path.stem}-v{current}-{stamp}.sqlite3")
    for number, script in pending:
        sql = script.read_text(encoding="utf-8")
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StorageError(f"{script.name}: migration failed on {path}: {exc}") from exc
    return saved


def open_database(path: Path, *, directory: Path = MIGRATIONS_DIR) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    try:
        migrate(conn, path, directory=directory)
    except (StorageError, sqlite3.DatabaseError) as exc:
        conn.close()
        if isinstance(exc, StorageError):
            raise
        raise StorageError(f"{path}: not a Juliu database or damaged ({exc})") from exc
    return conn
