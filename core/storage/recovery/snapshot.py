"""Row snapshots that let a change be undone exactly: a record with everything its deletion would take along
(ON DELETE CASCADE rows, and the links ON DELETE SET NULL would clear), read from the schema's foreign keys, so
a table added by a later migration is covered without changes here.

Rows keep their rowids: restoring puts back the same ids, so every reference to them holds again."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.storage.sqlite.db import Connection, transaction


class RestoreConflict(RuntimeError):
    """A snapshot cannot be written back: an id was taken again, or the record is gone."""


@dataclass(frozen=True)
class TableRows:
    table: str
    columns: tuple[str, ...]  # the table's columns; the rowid is each row's first value
    rows: tuple[tuple[object, ...], ...]


@dataclass(frozen=True)
class Snapshot:
    """`rows[0]` holds the root record(s); `nulled` are (table, column, rowid, value) links a deletion clears."""

    rows: tuple[TableRows, ...]
    nulled: tuple[tuple[str, str, int, object], ...] = ()

    @property
    def table(self) -> str:
        return self.rows[0].table

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(int(str(r[0])) for r in self.rows[0].rows)


@dataclass(frozen=True)
class _ForeignKey:
    child: str
    column: str
    parent_column: str | None  # None: the parent's primary key (our tables' rowid)
    on_delete: str


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@lru_cache(maxsize=16)
def _schema(conn: Connection, version: int) -> tuple[dict[str, tuple[str, ...]], dict[str, list[_ForeignKey]],
                                                            dict[str, bool]]:
    """Columns, foreign keys by parent table, and whether the table's primary key is its rowid (per version)."""
    tables = [str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    columns: dict[str, tuple[str, ...]] = {}
    keys: dict[str, list[_ForeignKey]] = {}
    rowid_key: dict[str, bool] = {}
    for table in tables:
        info = list(conn.execute(f"PRAGMA table_info({_quote(table)})"))
        columns[table] = tuple(str(r[1]) for r in info)
        pk = [r for r in info if r[5]]
        rowid_key[table] = len(pk) == 1 and str(pk[0][2]).upper() == "INTEGER"
        for fk in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})"):
            keys.setdefault(str(fk[2]), []).append(
                _ForeignKey(table, str(fk[3]), str(fk[4]) if fk[4] else None, str(fk[6]).upper()))
    return columns, keys, rowid_key


def _schema_of(conn: Connection) -> tuple[dict[str, tuple[str, ...]], dict[str, list[_ForeignKey]],
                                                  dict[str, bool]]:
    return _schema(conn, int(conn.execute("PRAGMA schema_version").fetchone()[0]))


def _select(conn: Connection, table: str, columns: Sequence[str], where: str,
            args: Iterable[object]) -> list[tuple[object, ...]]:
    names = ", ".join(_quote(c) for c in columns)
    return [tuple(r) for r in conn.execute(
        f"SELECT rowid, {names} FROM {_quote(table)} WHERE {where} ORDER BY rowid", tuple(args))]


def _in(column: str, values: Sequence[object]) -> str:
    return f"{column} IN ({', '.join('?' for _ in values)})"


def capture(conn: Connection, table: str, ids: Sequence[int]) -> Snapshot:
    """The rows `ids` of `table` and everything deleting them would delete or unlink."""
    columns, keys, _rowid = _schema_of(conn)
    found: dict[str, dict[int, tuple[object, ...]]] = {}
    nulled: list[tuple[str, str, int, object]] = []
    pending: list[tuple[str, list[tuple[object, ...]]]] = [
        (table, _select(conn, table, columns[table], _in("rowid", ids), ids) if ids else [])]
    order = [table]
    while pending:
        parent, rows = pending.pop(0)
        fresh = [r for r in rows if int(str(r[0])) not in found.setdefault(parent, {})]
        for r in fresh:
            found[parent][int(str(r[0]))] = r
        for fk in keys.get(parent, []):
            position = columns[parent].index(fk.parent_column) + 1 if fk.parent_column else 0
            values = sorted({r[position] for r in fresh if r[position] is not None}, key=str)
            if not values:
                continue
            children = _select(conn, fk.child, columns[fk.child], _in(_quote(fk.column), values), values)
            if fk.on_delete == "CASCADE":
                if fk.child not in order:
                    order.append(fk.child)
                pending.append((fk.child, children))
            elif fk.on_delete in ("SET NULL", "SET DEFAULT"):
                at = columns[fk.child].index(fk.column) + 1
                nulled += [(fk.child, fk.column, int(str(c[0])), c[at]) for c in children]
    return Snapshot(tuple(TableRows(t, columns[t], tuple(found.get(t, {}).values())) for t in order),
                    tuple(nulled))


def capture_row(conn: Connection, table: str, record_id: int) -> Snapshot:
    """One record as it is, with its link rows (children keyed by it, such as an income year's certificates):
    what saving the record may rewrite."""
    columns, keys, rowid_key = _schema_of(conn)
    rows = [TableRows(table, columns[table], tuple(_select(conn, table, columns[table], "rowid=?", [record_id])))]
    for fk in keys.get(table, []):
        if not rowid_key[fk.child] and fk.on_delete == "CASCADE":
            rows.append(TableRows(fk.child, columns[fk.child], tuple(
                _select(conn, fk.child, columns[fk.child], f"{_quote(fk.column)}=?", [record_id]))))
    return Snapshot(tuple(rows))


def _insert(conn: Connection, rows: TableRows, with_rowid: bool) -> None:
    names = (["rowid"] if with_rowid else []) + [_quote(c) for c in rows.columns]
    marks = ", ".join("?" for _ in names)
    conn.executemany(f"INSERT INTO {_quote(rows.table)} ({', '.join(names)}) VALUES ({marks})",
                     [r if with_rowid else r[1:] for r in rows.rows])


def restore(conn: Connection, snapshot: Snapshot) -> None:
    """Put deleted rows back with their ids, and their cleared links; one transaction."""
    _columns, _keys, rowid_key = _schema_of(conn)
    try:
        with transaction(conn):
            conn.execute("PRAGMA defer_foreign_keys = ON")  # rows come back in any order; checked at commit
            for rows in snapshot.rows:
                _insert(conn, rows, not rowid_key[rows.table])
            for table, column, rowid, value in snapshot.nulled:
                conn.execute(f"UPDATE {_quote(table)} SET {_quote(column)}=? WHERE rowid=?", (value, rowid))
    except sqlite3.IntegrityError as exc:
        if conn.in_transaction:  # a deferred foreign key fails at COMMIT, which leaves the transaction open
            conn.execute("ROLLBACK")
        raise RestoreConflict(str(exc)) from exc


def remove(conn: Connection, snapshot: Snapshot) -> None:
    """Delete the snapshot's root rows (the schema deletes or unlinks the rest)."""
    ids = snapshot.ids
    if not ids:
        return
    with transaction(conn):
        conn.execute(f"DELETE FROM {_quote(snapshot.table)} WHERE {_in('rowid', ids)}", ids)


def put(conn: Connection, snapshot: Snapshot) -> None:
    """Write a `capture_row` snapshot back over the record and its link rows."""
    root, *links = snapshot.rows
    _columns, keys, _rowid = _schema_of(conn)
    (record_id,) = snapshot.ids
    if conn.execute(f"SELECT 1 FROM {_quote(root.table)} WHERE rowid=?", (record_id,)).fetchone() is None:
        raise RestoreConflict(f"{root.table} {record_id} no longer exists")
    with transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        (row,) = root.rows
        if "version" in root.columns:  # the undone state is a new version: a save from the undone one is stale
            at = 1 + root.columns.index("version")
            now = conn.execute(f"SELECT version FROM {_quote(root.table)} WHERE rowid=?", (record_id,)).fetchone()
            row = (*row[:at], int(now[0]) + 1, *row[at + 1:])
        sets = ", ".join(f"{_quote(c)}=?" for c in root.columns)
        conn.execute(f"UPDATE {_quote(root.table)} SET {sets} WHERE rowid=?", (*row[1:], record_id))
        for rows in links:
            fk = next(k for k in keys[root.table] if k.child == rows.table)
            conn.execute(f"DELETE FROM {_quote(rows.table)} WHERE {_quote(fk.column)}=?", (record_id,))
            _insert(conn, rows, True)
