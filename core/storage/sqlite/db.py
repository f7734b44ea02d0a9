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
from typing import Any, Literal, Protocol

from core.i18n import _
from core.storage.recovery import history
from core.storage.sqlite.cipher import needs_passphrase, raw_connect
from core.storage.sqlite.deferred_check import IntegrityGate, gate_of
from core.storage.sqlite.health import (
    DamagedStoreError,
    PassphraseError,
    StorageError,
    db_errors,
    db_os_errors,
    preflight,
    quick_check,
    translate,
)

__all__ = ["StorageError", "connect", "open_database", "migrate", "transaction", "backup", "data_dir"]

DB_FILENAME = "juliu.sqlite3"
MIGRATIONS_DIR = Path(__file__).parent.parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_savepoints = itertools.count(1)


def data_dir(override: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """--data-dir wins, then JULIU_DATA_DIR, then the platform's user data directory."""
    env = os.environ if env is None else env
    if override:
        return Path(override).expanduser()
    if env.get("JULIU_DATA_DIR"):
        return Path(env["JULIU_DATA_DIR"]).expanduser()
    import platformdirs  # only when no folder is given (it brings tempfile, shutil and random along)

    return Path(platformdirs.user_data_dir("Juliu", appauthor=False))


def migrations(directory: Path = MIGRATIONS_DIR) -> list[tuple[int, Path]]:
    found = []
    for name in sorted(os.listdir(directory)):  # not Path.glob: its pattern compiles a regex on every start
        m = _MIGRATION_NAME.match(name)
        if m:
            found.append((int(m.group(1)), directory / name))
    numbers = [n for n, _path in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StorageError(f"{directory}: migrations must be numbered 0001, 0002, … without gaps: {numbers}")
    return found


def database_url(override: str | None = None, env: Mapping[str, str] | None = None) -> str | None:
    """A firm database's URL from --database, then JULIU_DATABASE_URL; None means the SQLite file (the default)."""
    env = os.environ if env is None else env
    return override or env.get("JULIU_DATABASE_URL") or None


def engine_description() -> str:
    """The storage engine and its version, for Help > About."""
    return f"SQLite {sqlite3.sqlite_version}"


def connect(path: Path, passphrase: str | None = None) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL and foreign keys on.

    With a passphrase the file is opened (or created) through SQLCipher; the connection has the same API.
    """
    try:
        conn = raw_connect(path, passphrase)
    except PassphraseError:
        raise
    except db_os_errors() as exc:
        raise translate(exc, path) from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")  # deleted scans and passport numbers are overwritten, not left
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 5000")
    except db_errors() as exc:
        conn.close()
        raise translate(exc, path) from exc
    return conn  # type: ignore[no-any-return]


class Connection(Protocol):
    """What services hold and pass to repositories (only storage runs SQL on it): a sqlite3.Connection, or a
    core.storage.pg.connection.PgConnection that runs the same statements on PostgreSQL."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def close(self) -> None: ...

    def __hash__(self) -> int: ...


def engine_of(conn: Connection) -> str:
    """"sqlite" or "postgresql"."""
    return str(getattr(conn, "engine", "sqlite"))


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
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
    gate = gate_of(conn)
    if gate is not None:  # a store opened before its quick_check (the window): writes wait for the check
        gate.wait()
    history.ensure_triggers(conn)  # the history's triggers come with a connection's first write
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def backup(conn: sqlite3.Connection, target: Path, passphrase: str | None = None) -> Path:
    """A consistent copy through SQLite's online backup (safe while the database is open), under the same key."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = raw_connect(target, passphrase)
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
    passphrase: str | None = None,
) -> Path | None:
    """Bring the schema up to date; copies the file to backups/ first when it already holds data.

    The copy is taken once per step: when a migration fails, the next open finds that copy and does not take
    another. Returns the backup's path, or None when nothing had to be migrated or the file was new.
    """
    steps = migrations(directory)
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = steps[-1][0] if steps else 0
    if current > latest:
        raise StorageError(_("{path}: schema version {current} is newer than this Juliu knows ({latest}); update "
                             "Juliu before opening it").format(path=path, current=current, latest=latest))
    pending = [(n, p) for n, p in steps if n > current]
    if not pending:
        return None
    saved = None
    if current > 0:  # a store that holds data is copied first (a new one is not)
        from core.storage.recovery import backups

        reason = f"migrate-v{current}-to-v{latest}"
        earlier = [b.path for b in backups.list_backups(path) if b.reason == reason]
        saved = earlier[0] if earlier else backups.write_backup(conn, path, reason, passphrase,
                                                                now or dt.datetime.now())
    for number, script in pending:
        _apply(conn, path, number, script)
    return saved


def _apply(conn: sqlite3.Connection, path: Path, number: int, script: Path) -> None:
    """One migration in one transaction, with foreign keys off (SQLite's way to rebuild a table: dropping a parent
    would otherwise delete its children); committed only when every foreign key still finds its row."""
    sql = script.read_text(encoding="utf-8")
    conn.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction does this take effect
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            table, rowid, parent, _fk = broken[0]
            raise StorageError(_("{name}: migration failed on {path}: {broken} rows lose their {parent} (first: "
                                 "{table} row {rowid}); nothing was changed").format(
                                 name=script.name, path=path, broken=len(broken), parent=parent, table=table,
                                 rowid=rowid))
        conn.execute("COMMIT")
    except db_errors() as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StorageError(_("{name}: migration failed on {path}: {exc}").format(
                             name=script.name, path=path, exc=exc)) from exc
    except StorageError:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _newest_good(path: Path, key: str | None) -> Path | None:
    from core.storage.recovery import backups  # only when a store is damaged

    return backups.newest_good(path, key)


def _needs_migrating(conn: sqlite3.Connection, directory: Path) -> bool:
    steps = migrations(directory)
    return bool(steps) and int(conn.execute("PRAGMA user_version").fetchone()[0]) < steps[-1][0]


def open_database(path: Path, *, directory: Path = MIGRATIONS_DIR, passphrase: str | None = None,
                  now: dt.datetime | None = None, check: bool | Literal["later"] = True) -> sqlite3.Connection:
    """Open (creating if needed), check and migrate the database at `path`.

    Refused with a true message: an empty, read-only or encrypted-without-passphrase file; a full disk; a store
    whose quick_check fails (the message names the newest good backup). Nothing is written before the checks.
    `check=False` skips the quick_check (it reads the whole file: 0.3 s at 500 clients) for a second connection
    to a store this process has already opened and checked, such as a worker thread's reader. `check="later"`
    (the window): the connection comes back guarded by an IntegrityGate (core/storage/sqlite/deferred_check.py)
    whose check the caller starts; writes wait for it. A store that needs migrating is checked now, as before.
    """
    preflight(path)
    clean_partial_files(path)
    existed = path.exists()
    encrypted = needs_passphrase(path)
    if encrypted and passphrase is None:
        raise PassphraseError(_("{path}: the store is encrypted; give its passphrase (a prompt, --passphrase-file, "
                                "JULIU_PASSPHRASE_FILE or JULIU_PASSPHRASE)").format(path=path))
    key = passphrase if encrypted or not existed else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise translate(exc, path) from exc
    conn = connect(path, key)
    try:
        later = check == "later" and existed and not _needs_migrating(conn, directory)
        if existed and check and not later:
            problems = quick_check(conn)
            if problems:
                raise DamagedStoreError(path, "quick_check", problems, _newest_good(path, key))
        migrate(conn, path, directory=directory, now=now, passphrase=key)
        history.install(conn)
        if later:
            IntegrityGate(path, key, lambda: _newest_good(path, key)).guard(conn)
    except StorageError:
        conn.close()
        raise
    except db_os_errors() as exc:
        conn.close()
        raise translate(exc, path) from exc
    if os.name == "posix" and not existed:
        path.chmod(0o600)
    return conn


def clean_partial_files(path: Path) -> None:
    """What an interrupted backup, restore or change of key left beside the store or in backups/ (*.partial): the
    modules that clean them up load only when there is one (issue 15: an ordinary open lists two folders)."""
    if not any(_partials(folder) for folder in (path.parent, path.parent / "backups")):  # backups.BACKUP_DIR
        return
    from core.storage.recovery import backups
    from core.storage.sqlite.rekey import clean_leftovers

    clean_leftovers(path)
    backups.clean_partials(backups.backup_dir(path))
    path.with_name(path.name + ".restore.partial").unlink(missing_ok=True)


def _partials(folder: Path) -> bool:
    try:
        return any(name.endswith(".partial") for name in os.listdir(folder))
    except OSError:  # no such folder yet
        return False


def is_encrypted_store(path: Path) -> bool:
    return needs_passphrase(path)
