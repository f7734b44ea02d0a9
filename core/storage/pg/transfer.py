"""Moving a store between an individual's SQLite file and a firm's PostgreSQL database, without loss (issue 13).

`migrate_from_file` copies every table of the file (the records, scans, settings, the change history and the
recycle bin) into an empty firm database whose schema `firm init` made current; `export_to_file` copies a firm
database into a new SQLite file. Rows keep their ids, so every link between them holds, and the history is carried
entry by entry with its SHA-256 chain (new entries continue it; `history verify` checks it on either engine).

Both are one transaction on the server and refuse rather than half-do: the firm database must be empty (merging
two stores is not offered: ids and the history chain would have to be re-based), the new file must not exist
(it is written beside its name and linked into place only when complete and checked). Before anything counts as
done, each table's rows are counted on both sides and every scan's SHA-256 is computed from its bytes on both
sides and compared with the hash recorded when it was added.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from core.i18n import _
from core.storage.pg.postgres import connect, redact, schema_version
from core.storage.recovery import history
from core.storage.sqlite.db import DB_FILENAME, migrate, migrations, open_database
from core.storage.sqlite.health import StorageError

__all__ = ["TransferReport", "export_to_file", "migrate_from_file"]

_SKIP = ("sqlite_", "juliu_schema")  # SQLite's own tables; the server's schema version


@dataclass(frozen=True)
class TransferReport:
    counts: tuple[tuple[str, int, int], ...]  # table, rows in the source, rows in the target
    attachments: int  # scans whose bytes hash to the recorded SHA-256 on both sides
    attachment_bytes: int
    history_entries: int
    history_head: str  # the newest history entry's hash, the same on both sides

    @property
    def clients(self) -> int:
        return next((source for table, source, _target in self.counts if table == "applicant"), 0)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(lite: sqlite3.Connection) -> list[tuple[str, list[str], list[str]]]:
    """(table, columns, columns referring to the same table) of the file, parents before their children."""
    names = [str(r[0]) for r in lite.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
             if not str(r[0]).startswith(_SKIP)]
    parents = {t: {str(fk[2]) for fk in lite.execute(f"PRAGMA foreign_key_list({_q(t)})")} for t in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [t for t in names if t not in ordered and parents[t] - {t} <= set(ordered)]
        if not ready:
            raise StorageError(f"circular foreign keys among {sorted(set(names) - set(ordered))}")
        ordered += ready
    return [(t, [str(c[1]) for c in lite.execute(f"PRAGMA table_info({_q(t)})")],
             [str(fk[3]) for fk in lite.execute(f"PRAGMA foreign_key_list({_q(t)})") if str(fk[2]) == t])
            for t in ordered]


def _rows(cursor: Any, table: str, columns: Sequence[str]) -> list[tuple[object, ...]]:
    order = "id" if "id" in columns else ", ".join(_q(c) for c in columns if c != "data")
    return [tuple(r) for r in cursor.execute(f"SELECT {', '.join(_q(c) for c in columns)} FROM {_q(table)} "
                                             f"ORDER BY {order}").fetchall()]


def _copy(read: Any, write: Any, mark: str, tables: list[tuple[str, list[str], list[str]]]) -> None:
    """Every row of `tables` from `read` to `write` (`mark`: the target's placeholder); a link to a row of the
    same table is set after all of them are in (the server checks each foreign key at once)."""
    for table, columns, own in tables:
        rows = _rows(read, table, columns)
        if not rows:
            continue
        blank = [columns.index(c) for c in own]
        insert = (f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in columns)}) "
                  f"VALUES ({', '.join(mark for _column in columns)})")
        write.executemany(insert, [tuple(None if i in blank else v for i, v in enumerate(r)) for r in rows])
        key = columns.index("id") if own else 0
        for column in own:
            at = columns.index(column)
            links = [(r[at], r[key]) for r in rows if r[at] is not None]
            if links:
                write.executemany(f"UPDATE {_q(table)} SET {_q(column)} = {mark} WHERE id = {mark}", links)


def _count(cursor: Any, table: str) -> int:
    return int(cursor.execute(f"SELECT count(*) FROM {_q(table)}").fetchone()[0])


def _hashes(cursor: Any) -> dict[int, tuple[str, str, int]]:
    """Each scan: (recorded SHA-256, SHA-256 of its bytes as read now, size)."""
    found = {}
    for attachment_id, recorded, data in cursor.execute("SELECT id, sha256, data FROM attachment ORDER BY id"):
        blob = bytes(data or b"")
        found[int(attachment_id)] = (str(recorded), hashlib.sha256(blob).hexdigest(), len(blob))
    return found


def _verify(source: Any, target: Any, tables: list[tuple[str, list[str], list[str]]], where: str) -> TransferReport:
    counts = tuple((t, _count(source, t), _count(target, t)) for t, _c, _o in tables)
    wrong = [f"{t} {a} → {b}" for t, a, b in counts if a != b]
    if wrong:
        raise StorageError(_("{where}: row counts differ after the copy ({wrong}); nothing was written").format(
                             where=where, wrong='; '.join(wrong)))
    before, after = _hashes(source), _hashes(target)
    bad = [i for i, (recorded, got, _size) in before.items()
           if after.get(i) is None or {recorded, got, after[i][0], after[i][1]} != {recorded}]
    if bad or before.keys() != after.keys():
        raise StorageError(_("{where}: the SHA-256 of scans {scans} does not match after the copy; nothing was "
                             "written").format(where=where, scans=bad[:10]))
    chain_before, chain_after = history.verify(source), history.verify(target)
    if chain_before.head != chain_after.head or chain_before.entries != chain_after.entries:
        raise StorageError(_("{where}: the change history differs after the copy; nothing was written").format(
                             where=where))
    return TransferReport(counts, len(after), sum(size for _r, _g, size in after.values()), chain_after.entries,
                          chain_after.head)


def _latest() -> int:
    steps = migrations()
    return steps[-1][0] if steps else 0


class _Qmark:
    """`?` placeholders on a psycopg cursor (the copy's SQL is written once, for SQLite)."""

    def __init__(self, conn: psycopg.Connection[Any]):
        self.conn = conn

    def execute(self, sql: str, args: Sequence[object] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s").encode("utf-8"), tuple(args))


def store_file(path: Path) -> Path:
    """The store file itself, given the file or the data folder holding it."""
    return path / DB_FILENAME if path.is_dir() else path


def migrate_from_file(path: Path, url: str, passphrase: str | None = None) -> TransferReport:
    """Copy the SQLite store at `path` into the empty firm database at `url`; refused (StorageError, nothing
    written) when the database is not empty, its schema is not current, or any check after the copy fails."""
    path = store_file(path)
    if not path.is_file():
        raise StorageError(_("{path}: no such store file").format(path=path))
    lite = open_database(path, passphrase=passphrase)  # brings an older file's schema up to date (backup first)
    try:
        tables = _tables(lite)
        with connect(url) as server:
            where = redact(url)
            if schema_version(server) != _latest():
                raise StorageError(_("{where}: the firm database has no current Juliu schema; run `juliu firm init "
                                     "{where}` first; nothing was written").format(where=where))
            try:
                with server.transaction():
                    for table, _c, _o in tables:  # locks the tables; the history is copied, not written again
                        server.execute(f"ALTER TABLE {_q(table)} DISABLE TRIGGER USER".encode())
                    held = {t: _count(server, t) for t, _c, _o in tables}
                    if any(held.values()):
                        raise StorageError(
                            _("{where}: the firm database already holds records ({clients} clients, {rows} rows); "
                              "migrate-from-file fills an empty one only; nothing was written").format(
                              where=where, clients=held.get("applicant", 0), rows=sum(held.values())))
                    _copy(lite, server.cursor(), "%s", tables)
                    for table, columns, _o in tables:
                        server.execute(f"ALTER TABLE {_q(table)} ENABLE TRIGGER USER".encode())
                        if "id" in columns:  # new rows continue after the copied ids
                            server.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                           f"(SELECT coalesce(max(id), 0) + 1 FROM {_q(table)}), false)".encode())
                    return _verify(lite, _Qmark(server), tables, where)
            except psycopg.Error as exc:
                raise StorageError(_("{where}: the copy failed, nothing was written: {exc}").format(
                                     where=where, exc=exc)) from exc
    finally:
        lite.close()


def export_to_file(url: str, path: Path) -> TransferReport:
    """Copy the firm database at `url` into the new SQLite file `path` (never over an existing one)."""
    path = store_file(path)
    if path.exists():
        raise StorageError(_("{path}: already exists; export writes a new file only").format(path=path))
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    lite = sqlite3.connect(partial, isolation_level=None)
    try:
        migrate(lite, partial)  # the same schema as the server's: the numbered migrations
        tables = _tables(lite)
        with connect(url) as server:
            server.isolation_level, server.read_only = psycopg.IsolationLevel.REPEATABLE_READ, True  # one moment
            where = redact(url)
            if schema_version(server) != _latest():
                raise StorageError(_("{where}: the firm database's schema is not this Juliu's; run `juliu firm init "
                                     "{where}` first").format(where=where))
            try:
                with server.transaction():
                    lite.execute("BEGIN")
                    for table, _c, _o in tables:  # whatever the migrations put in a new file
                        lite.execute(f"DELETE FROM {_q(table)}")
                    _copy(_Qmark(server), lite, "?", tables)
                    lite.execute("COMMIT")
                    if lite.execute("PRAGMA foreign_key_check").fetchall():
                        raise StorageError(_("{where}: the exported rows break a link between records").format(
                                             where=where))
                    report = _verify(_Qmark(server), lite, tables, where)
            except psycopg.Error as exc:
                raise StorageError(_("{where}: reading the firm database failed, no file was written: {exc}").format(
                                     where=where, exc=exc)) from exc
        lite.close()
        os.chmod(partial, 0o600)
        with open(partial, "rb") as fh:
            os.fsync(fh.fileno())
        os.link(partial, path)  # fails rather than replace a file that appeared meanwhile
        partial.unlink()
        return report
    except BaseException:
        lite.close()
        partial.unlink(missing_ok=True)
        raise
