"""Row snapshots that let a change be undone exactly: a record with everything its deletion would take along
(ON DELETE CASCADE rows, and the links ON DELETE SET NULL would clear), read from the schema's foreign keys, so
a table added by a later migration is covered without changes here.

Rows are found by their primary keys, on the SQLite file as on a firm's PostgreSQL database: restoring puts back
the same ids, so every reference to them holds again. Rows come back parents first (a server checks each foreign
key at once); a row pointing at another row of its own table gets that link after both are back.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.errors import ConflictError
from core.storage.pg.dialect import table_columns
from core.storage.repositories.versions import last_change
from core.storage.sqlite.db import Connection, transaction


class RestoreConflict(RuntimeError):
    """A snapshot cannot be written back: an id was taken again, or the record is gone."""


@dataclass(frozen=True)
class TableRows:
    table: str
    columns: tuple[str, ...]  # the table's columns, each row's values in this order
    rows: tuple[tuple[object, ...], ...]
    key: str | None = None  # the table's one-column primary key (None: a link table keyed by its parents)

    def ids(self) -> tuple[int, ...]:
        if self.key is None:
            return ()
        at = self.columns.index(self.key)
        return tuple(int(str(r[at])) for r in self.rows)


@dataclass(frozen=True)
class Snapshot:
    """`rows[0]` holds the root record(s); `nulled` are (table, column, key, value) links a deletion clears."""

    rows: tuple[TableRows, ...]
    nulled: tuple[tuple[str, str, int, object], ...] = ()

    @property
    def table(self) -> str:
        return self.rows[0].table

    @property
    def ids(self) -> tuple[int, ...]:
        return self.rows[0].ids()

    @property
    def versions(self) -> tuple[int, ...]:
        """The root rows' versions as captured (0 for a table without versions)."""
        root = self.rows[0]
        if "version" not in root.columns:
            return tuple(0 for _ in root.rows)
        at = root.columns.index("version")
        return tuple(int(str(r[at])) for r in root.rows)


@dataclass(frozen=True)
class _ForeignKey:
    child: str
    column: str
    parent_column: str
    on_delete: str


@dataclass(frozen=True)
class _Schema:
    columns: dict[str, tuple[str, ...]]
    keys: dict[str, list[_ForeignKey]]  # by parent table
    primary: dict[str, str | None]  # a table's one-column primary key


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_PG_TABLES = ("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
              " AND table_type = 'BASE TABLE' AND table_name <> 'juliu_schema' ORDER BY table_name")
_PG_PRIMARY = ("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
               " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisprimary")
_PG_FOREIGN = ("SELECT child.relname, a.attname, parent.relname, pa.attname, c.confdeltype FROM pg_constraint c"
               " JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid"
               " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
               " JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]"
               " WHERE c.contype = 'f' AND child.relnamespace = current_schema()::regnamespace ORDER BY c.oid")
_PG_ACTIONS = {"c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT", "r": "RESTRICT", "a": "NO ACTION"}


@lru_cache(maxsize=16)
def _read_schema(conn: Connection, version: int) -> _Schema:
    """Columns, foreign keys by parent table and primary keys, per schema version (a migration changes them)."""
    del version  # only the cache's key
    postgres = getattr(conn, "engine", "sqlite") == "postgresql"
    tables = [str(r[0]) for r in conn.execute(_PG_TABLES if postgres else
                                              "SELECT name FROM sqlite_master WHERE type='table'"
                                              " AND name NOT LIKE 'sqlite_%'")]
    columns = {t: tuple(name for name, _kind in table_columns(conn, t)) for t in tables}
    primary: dict[str, str | None] = {}
    for table in tables:
        pk = ([str(r[0]) for r in conn.execute(_PG_PRIMARY, (_quote(table),))] if postgres else
              [str(r[1]) for r in conn.execute(f"PRAGMA table_info({_quote(table)})") if r[5]])
        primary[table] = pk[0] if len(pk) == 1 else None
    keys: dict[str, list[_ForeignKey]] = {}
    if postgres:
        for child, column, parent, parent_column, action in conn.execute(_PG_FOREIGN):
            keys.setdefault(str(parent), []).append(
                _ForeignKey(str(child), str(column), str(parent_column), _PG_ACTIONS[str(action)]))
    else:
        for table in tables:
            for fk in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})"):
                parent = str(fk[2])  # SQLite leaves the parent column out when it is the parent's primary key
                keys.setdefault(parent, []).append(_ForeignKey(table, str(fk[3]), str(fk[4] or primary[parent]),
                                                               str(fk[6]).upper()))
    return _Schema(columns, keys, primary)


def _schema_of(conn: Connection) -> _Schema:
    if getattr(conn, "engine", "sqlite") == "postgresql":
        return _read_schema(conn, 0)  # the schema changes only with `firm init`, on another connection
    return _read_schema(conn, int(conn.execute("PRAGMA schema_version").fetchone()[0]))


def _select(conn: Connection, table: str, columns: Sequence[str], where: str, args: Iterable[object],
            order: str | None) -> list[tuple[object, ...]]:
    names = ", ".join(_quote(c) for c in columns)
    order_by = f" ORDER BY {_quote(order)}" if order else ""
    return [tuple(r) for r in conn.execute(f"SELECT {names} FROM {_quote(table)} WHERE {where}{order_by}",
                                           tuple(args))]


def _in(column: str, values: Sequence[object]) -> str:
    return f"{_quote(column)} IN ({', '.join('?' for _ in values)})"


def capture(conn: Connection, table: str, ids: Sequence[int]) -> Snapshot:
    """The rows `ids` of `table` and everything deleting them would delete or unlink."""
    schema = _schema_of(conn)
    columns, keys, primary = schema.columns, schema.keys, schema.primary
    found: dict[str, dict[object, tuple[object, ...]]] = {}
    nulled: list[tuple[str, str, int, object]] = []
    root_key = str(primary[table])
    pending = [(table, _select(conn, table, columns[table], _in(root_key, ids), ids, root_key) if ids else [])]
    order = [table]
    while pending:
        parent, rows = pending.pop(0)
        key = primary[parent]
        at_key = columns[parent].index(key) if key else None
        fresh = [r for r in rows if (r[at_key] if at_key is not None else r) not in found.setdefault(parent, {})]
        for r in fresh:
            found[parent][r[at_key] if at_key is not None else r] = r
        for fk in keys.get(parent, []):
            position = columns[parent].index(fk.parent_column)
            values = sorted({r[position] for r in fresh if r[position] is not None}, key=str)
            if not values:
                continue
            children = _select(conn, fk.child, columns[fk.child], _in(fk.column, values), values, primary[fk.child])
            if fk.on_delete == "CASCADE":
                if fk.child not in order:
                    order.append(fk.child)
                pending.append((fk.child, children))
            elif fk.on_delete in ("SET NULL", "SET DEFAULT") and primary[fk.child] is not None:
                at, child_key = columns[fk.child].index(fk.column), columns[fk.child].index(str(primary[fk.child]))
                nulled += [(fk.child, fk.column, int(str(c[child_key])), c[at]) for c in children]
    return Snapshot(tuple(TableRows(t, columns[t], tuple(found.get(t, {}).values()), primary[t]) for t in order),
                    tuple(nulled))


def capture_row(conn: Connection, table: str, record_id: int) -> Snapshot:
    """One record as it is, with its link rows (children keyed by it, such as an income year's certificates):
    what saving the record may rewrite."""
    schema = _schema_of(conn)
    columns, key = schema.columns, str(schema.primary[table])
    rows = [TableRows(table, columns[table], tuple(_select(conn, table, columns[table], f"{_quote(key)}=?",
                                                           [record_id], None)), key)]
    for fk in schema.keys.get(table, []):
        if schema.primary[fk.child] is None and fk.on_delete == "CASCADE":
            rows.append(TableRows(fk.child, columns[fk.child], tuple(
                _select(conn, fk.child, columns[fk.child], f"{_quote(fk.column)}=?", [record_id], None))))
    return Snapshot(tuple(rows))


def _insert(conn: Connection, rows: TableRows, without: Sequence[str] = ()) -> None:
    """Insert the rows with their ids; the columns `without` are left NULL (set afterwards)."""
    if not rows.rows:
        return
    names = ", ".join(_quote(c) for c in rows.columns)
    marks = ", ".join("?" for _ in rows.columns)
    blank = [i for i, c in enumerate(rows.columns) if c in without]
    conn.executemany(f"INSERT INTO {_quote(rows.table)} ({names}) VALUES ({marks})",
                     [tuple(None if i in blank else v for i, v in enumerate(r)) for r in rows.rows])


def _integrity(exc: BaseException) -> bool:
    """A constraint refused the write (an id taken again, a parent gone), on either engine."""
    return any(c.__name__ == "IntegrityError" for c in type(exc).__mro__)


def restore(conn: Connection, snapshot: Snapshot) -> None:
    """Put deleted rows back with their ids, and their cleared links; one transaction."""
    schema = _schema_of(conn)
    try:
        with transaction(conn):
            conn.execute("PRAGMA defer_foreign_keys = ON")  # SQLite checks at commit; a server at each statement
            later: list[tuple[str, str, int, object]] = []
            for rows in snapshot.rows:
                own = [fk.column for fk in schema.keys.get(rows.table, []) if fk.child == rows.table]
                _insert(conn, rows, own)
                if own and rows.key is not None:
                    at_key = rows.columns.index(rows.key)
                    later += [(rows.table, c, int(str(r[at_key])), r[rows.columns.index(c)])
                              for r in rows.rows for c in own if r[rows.columns.index(c)] is not None]
            for table, column, key, value in (*later, *snapshot.nulled):
                conn.execute(f"UPDATE {_quote(table)} SET {_quote(column)}=? WHERE {_quote(str(schema.primary[table]))}"
                             "=?", (value, key))
    except Exception as exc:
        if not _integrity(exc):
            raise
        if isinstance(exc, sqlite3.Error) and conn.in_transaction:  # a deferred key fails at COMMIT, left open
            conn.execute("ROLLBACK")
        raise RestoreConflict(str(exc)) from exc


def remove(conn: Connection, snapshot: Snapshot) -> None:
    """Delete the snapshot's root rows (the schema deletes or unlinks the rest)."""
    ids = snapshot.ids
    if not ids:
        return
    key = str(snapshot.rows[0].key)
    with transaction(conn):
        conn.execute(f"DELETE FROM {_quote(snapshot.table)} WHERE {_in(key, ids)}", ids)


def content(snapshot: Snapshot) -> tuple[tuple[str, tuple[tuple[object, ...], ...]], ...]:
    """What a snapshot holds, without the row versions (an undo writes a new version of the same content)."""
    def strip(rows: TableRows) -> tuple[tuple[object, ...], ...]:
        keep = [i for i, c in enumerate(rows.columns) if c != "version"]
        return tuple(sorted((tuple(r[i] for i in keep) for r in rows.rows), key=repr))

    return tuple((rows.table, strip(rows)) for rows in snapshot.rows)


def _conflict(conn: Connection, snapshot: Snapshot, now: Snapshot) -> ConflictError:
    root, current = snapshot.rows[0], now.rows[0]
    (record_id,) = snapshot.ids
    who, at = last_change(conn, root.table, record_id)
    mine = dict(zip(root.columns, root.rows[0], strict=True)) if root.rows else None
    theirs = dict(zip(current.columns, current.rows[0], strict=True)) if current.rows else None
    return ConflictError(root.table, record_id, mine, theirs, now.versions[0] if current.rows else None, who, at)


def put(conn: Connection, snapshot: Snapshot, expected: Snapshot | None = None) -> None:
    """Write a `capture_row` snapshot back over the record and its link rows.

    With `expected` (the state this user's own step left the record in), refused with ConflictError when the
    record holds something else now: someone else changed it since, and writing the snapshot would revert their
    change unseen. Nothing is written then.
    """
    root, *links = snapshot.rows
    schema = _schema_of(conn)
    (record_id,) = snapshot.ids
    key = _quote(str(root.key))
    with transaction(conn):
        now = capture_row(conn, root.table, record_id)
        if not now.rows[0].rows:
            raise RestoreConflict(f"{root.table} {record_id} no longer exists")
        if expected is not None and content(now) != content(expected):
            raise _conflict(conn, snapshot, now)
        (row,) = root.rows
        guard, args = "", ()  # type: tuple[str, tuple[object, ...]]
        if "version" in root.columns:  # the undone state is a new version: a save from the undone one is stale
            version = now.versions[0]
            at_version = root.columns.index("version")
            row = (*row[:at_version], version + 1, *row[at_version + 1:])
            guard, args = " AND version=?", (version,)
        conn.execute("PRAGMA defer_foreign_keys = ON")
        sets = ", ".join(f"{_quote(c)}=?" for c in root.columns)
        cur = conn.execute(f"UPDATE {_quote(root.table)} SET {sets} WHERE {key}=?{guard}", (*row, record_id, *args))
        if cur.rowcount == 0:  # changed between reading and writing (another connection's commit)
            raise _conflict(conn, snapshot, capture_row(conn, root.table, record_id))
        for rows in links:
            fk = next(k for k in schema.keys[root.table] if k.child == rows.table)
            conn.execute(f"DELETE FROM {_quote(rows.table)} WHERE {_quote(fk.column)}=?", (record_id,))
            _insert(conn, rows)


def check(conn: Connection, expected: Snapshot) -> None:
    """ConflictError unless the record still holds what `expected` captured (versions aside)."""
    (record_id,) = expected.ids
    now = capture_row(conn, expected.table, record_id)
    if now.rows[0].rows and content(now) != content(expected):
        raise _conflict(conn, expected, now)
