"""Row versions against lost updates (issue 13 item 3): a save says which version it started from.

Every record table has `version INTEGER NOT NULL DEFAULT 1` (migration 0006). A record read from the store carries
its row's version; an update runs `UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`, so of two
saves that started from the same version only the first changes the row, on SQLite (the second writer waits for
the first one's lock) as on PostgreSQL (READ COMMITTED: the second UPDATE waits for the first commit and then
matches no row). The loser gets ConflictError with the stored record and who changed it when, from the history.
A record built without a loaded version (version 0: imports, the command line) is written as before, unchecked.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from core.errors import ConflictError

__all__ = ["check_unchanged", "delete_row", "last_change", "save_keyed", "stored_row", "stored_version",
           "update_row"]


def last_change(conn: Any, table: str, record_id: int) -> tuple[str | None, str | None]:
    """(who, when) of the newest history entry of one row; (None, None) when the history has none."""
    row = conn.execute("SELECT who, at FROM history WHERE tbl = ? AND row_id = ? ORDER BY id DESC LIMIT 1",
                       (table, record_id)).fetchone()
    return (str(row[0]), str(row[1])) if row else (None, None)


def stored_version(conn: Any, table: str, record_id: int, key: str = "id") -> int | None:
    row = conn.execute(f"SELECT version FROM {table} WHERE {key} = ?", (record_id,)).fetchone()
    return int(row[0]) if row else None


def conflict(conn: Any, table: str, record_id: int, mine: object, load: Callable[[], object],
             key: str = "id") -> ConflictError:
    """The error for a save from an older version: the stored record (None if deleted), who and when."""
    try:
        stored: object | None = load()
    except LookupError:  # core.storage.repositories.repositories.NotFoundError: deleted meanwhile
        stored = None
    who, at = last_change(conn, table, record_id)
    return ConflictError(table, record_id, mine, stored, stored_version(conn, table, record_id, key), who, at)


def update_row(conn: Any, table: str, sets: Sequence[str], values: Sequence[object], record: Any,
               load: Callable[[], object], key: str = "id") -> int | None:
    """Write `sets` of the row whose `key` is the record's (its id, or its person for a one-row-per-person table),
    checked against `record.version` when it has one.

    Returns the row's new version, or None when an unchecked update found no row (the caller's NotFoundError).
    """
    record_id, version = getattr(record, key), getattr(record, "version", 0)
    now = conn.execute(f"SELECT {', '.join(sets)}, version FROM {table} WHERE {key}=?", (record_id,)).fetchone()
    if now is None and not version:
        return None
    if now is not None and tuple(now[:-1]) == tuple(values):
        return int(now[-1])  # nothing to change: no new version, and no conflict even if it was changed to this
    assignments = ", ".join(f"{c}=?" for c in sets)
    if version:
        cur = conn.execute(f"UPDATE {table} SET {assignments}, version = version + 1 WHERE {key}=? AND version=?",
                           (*values, record_id, version))
        if cur.rowcount == 1:
            return int(version) + 1
        raise conflict(conn, table, record_id, record, load, key)
    conn.execute(f"UPDATE {table} SET {assignments}, version = version + 1 WHERE {key}=?", (*values, record_id))
    return int(now[-1]) + 1


def save_keyed(conn: Any, table: str, sets: Sequence[str], values: Sequence[object], record: Any,
               load: Callable[[], object]) -> int:
    """Insert or update the one row of a person (`applicant_id` keyed: family status, details, qualifications),
    checked like `update_row` when the record was loaded from a stored row (version > 0).

    A record loaded when the person had no row yet carries version 0 and is written unchecked, as imports are:
    two people creating the same person's first row at the same moment is the one case this does not refuse.
    """
    version = update_row(conn, table, sets, values, record, load, key="applicant_id")
    if version is not None:
        return version
    marks = ", ".join("?" for _ in range(len(sets) + 1))
    updates = ", ".join(f"{c}=excluded.{c}" for c in sets)
    conn.execute(f"INSERT INTO {table} (applicant_id, {', '.join(sets)}) VALUES ({marks})"
                 f" ON CONFLICT(applicant_id) DO UPDATE SET {updates}, version = {table}.version + 1",
                 (record.applicant_id, *values))
    return int(stored_version(conn, table, record.applicant_id, "applicant_id") or 1)


def delete_row(conn: Any, table: str, record_id: int, version: int, load: Callable[[], object]) -> None:
    """Delete one row; with a version, refused (ConflictError) when the row changed since it was loaded.

    A row already gone is no conflict: nothing of anyone's is lost by deleting it twice.
    """
    if not version:
        conn.execute(f"DELETE FROM {table} WHERE id=?", (record_id,))
        return
    cur = conn.execute(f"DELETE FROM {table} WHERE id=? AND version=?", (record_id, version))
    if cur.rowcount == 0 and stored_version(conn, table, record_id) is not None:
        raise conflict(conn, table, record_id, None, load)


def stored_row(conn: Any, table: str, record_id: int) -> dict[str, object] | None:
    """The stored row as column → value (for a conflict on a table without a repository at hand)."""
    cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    row = cur.fetchone()
    return None if row is None else {d[0]: v for d, v in zip(cur.description, row, strict=True)}


def check_unchanged(conn: Any, table: str, expected: dict[int, int]) -> None:
    """ConflictError for the first row whose version is no longer the one the user loaded (rows gone are fine)."""
    for record_id, version in expected.items():
        now = stored_version(conn, table, record_id)
        if version and now is not None and now != version:
            raise conflict(conn, table, record_id, None, partial(stored_row, conn, table, record_id))
