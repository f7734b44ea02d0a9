"""A tamper-evident history of every change to the records, and a recycle bin for what was deleted.

Temporary triggers (installed on each connection, rebuilt from the live schema so new columns are covered) append
one entry per inserted, changed or deleted row: when, who (the OS user), which table and row, the row before and
after as JSON, and a SHA-256 over the previous entry's hash and this entry — a chain that `history verify` checks.
Deleted rows also go to the recycle bin (scans included) until a setting's number of days has passed.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

UNTRACKED = {"history", "recycle_bin", "sqlite_sequence", "sqlite_stat1"}
# Tables without their own applicant_id: the client is found through the parent row.
_APPLICANT_VIA = {
    "applicant": "{r}.id",
    "attachment": "COALESCE((SELECT applicant_id FROM document WHERE id = {r}.document_id), "
                  "(SELECT applicant_id FROM passport WHERE id = {r}.passport_id))",
    "income_certificate": "(SELECT applicant_id FROM income_year WHERE id = {r}.income_id)",
}
# Restoring from the bin re-inserts parents before children.
_RESTORE_ORDER = ("applicant", "person_profile", "passport", "document", "income_year", "attachment")


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    who: str
    applicant_id: int | None
    table: str
    row_id: int | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head: str  # the newest entry's hash: write it down to detect a history cut short later
    broken_at: int | None  # id of the first entry that does not match, None when the chain is intact
    reason: str

    @property
    def intact(self) -> bool:
        return self.broken_at is None


@dataclass(frozen=True)
class BinItem:
    id: int
    deleted_at: str
    applicant_id: int | None
    table: str
    row_id: int | None
    row: dict[str, Any]


def chain_hash(prev: str, at: str, who: str, applicant_id: int | None, table: str, row_id: int | None,
               action: str, before: str | None, after: str | None) -> str:
    import json  # json (and hashlib below) load with the first change recorded: opening and reading need neither

    payload = json.dumps([prev, at, who, applicant_id, table, row_id, action, before, after],
                         ensure_ascii=False, separators=(",", ":"))
    import hashlib  # OpenSSL's hashes load with the first change recorded (a read-only command needs none)

    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def os_user() -> str:
    """getpass.getuser()'s answer: its environment variables first (getpass and the terminal modules it brings
    load only when none is set)."""
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(name):
            return os.environ[name]
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def install(conn: Any, who: str | None = None,
            clock: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone()) -> None:
    """Register the functions the triggers call. The temporary triggers themselves are created with the
    connection's first write (`ensure_triggers`, from core.storage.sqlite.db `transaction`): compiling them (three
    a table, 108 statements) costs ~4.5 ms of CPU, which a read-only command, a reader thread or a window that
    only shows the store need not pay (issue 15: start-up)."""
    user = who or os_user()
    conn.create_function("juliu_now", 0, lambda: clock().isoformat(timespec="seconds"))
    conn.create_function("juliu_user", 0, lambda: user)
    conn.create_function("juliu_chain", 9, chain_hash)
    conn.create_function("juliu_sha256", 1, _digest, deterministic=True)


def ensure_triggers(conn: Any) -> None:
    """Before a write on a connection that `install` prepared: its triggers, unless it has them already (a raw
    connection, never prepared, writes unrecorded as before: a backup being verified, a file being exported). A
    firm database records on the server (core/storage/pg/history.py)."""
    if getattr(conn, "engine", "sqlite") != "sqlite":
        return
    if conn.execute("SELECT 1 FROM sqlite_temp_master WHERE type = 'trigger' LIMIT 1").fetchone() is not None:
        return
    if conn.execute("SELECT 1 FROM pragma_function_list WHERE name = 'juliu_chain'").fetchone() is None:
        return
    create_triggers(conn)


def create_triggers(conn: Any) -> None:
    """(Re)create the temporary triggers for every table of the records, from the live schema."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if "history" not in tables:
        return  # a schema before the history migration (only while migrating)
    for table in tables:
        if table in UNTRACKED or table.startswith("sqlite_"):
            continue
        columns = [(r[1], (r[2] or "").upper()) for r in conn.execute(f'PRAGMA table_info("{table}")')]
        for statement in _triggers(table, columns):
            conn.execute(statement)


def set_user(conn: Any, who: str | None) -> None:
    """Who the next entries name: the staff member's name set in the app, or the OS user when there is none."""
    if getattr(conn, "engine", "sqlite") == "postgresql":  # blank: the database role (core/storage/pg/history.py)
        conn.execute("SELECT set_config('juliu.user', ?, false)", ((who or "").strip(),))
        return
    user = (who or "").strip() or os_user()
    conn.create_function("juliu_user", 0, lambda: user)  # SQLite expires statements compiled with the old one


def _digest(value: object) -> str | None:
    if value is None:
        return None
    data = value if isinstance(value, bytes) else str(value).encode("utf-8")
    import hashlib

    return "sha256:" + hashlib.sha256(data).hexdigest()


def _row_json(ref: str, columns: list[tuple[str, str]]) -> str:
    parts = []
    for name, kind in columns:
        value = f'juliu_sha256({ref}."{name}")' if kind == "BLOB" else f'{ref}."{name}"'
        parts.append(f"'{name}', {value}")
    return f"json_object({', '.join(parts)})"


def _triggers(table: str, columns: list[tuple[str, str]]) -> list[str]:
    statements = []
    blob = next((name for name, kind in columns if kind == "BLOB"), None)
    names = {name for name, _ in columns}
    for action, ref in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
        via = _APPLICANT_VIA.get(table, "{r}.applicant_id" if "applicant_id" in names else "NULL")
        applicant = via.format(r=ref)
        before = _row_json("OLD", columns) if action != "insert" else "NULL"
        after = _row_json("NEW", columns) if action != "delete" else "NULL"
        when = ""
        if action == "update":
            when = "WHEN " + " OR ".join(f'OLD."{n}" IS NOT NEW."{n}"' for n, _ in columns)
        name = f"juliu_history_{table}_{action}"
        body = (f"INSERT INTO history (at, who, applicant_id, tbl, row_id, action, before, after, prev, hash) "
                f"SELECT e.at, e.who, e.app, '{table}', e.rid, '{action}', e.b, e.a, e.prev, "
                f"juliu_chain(e.prev, e.at, e.who, e.app, '{table}', e.rid, '{action}', e.b, e.a) FROM "
                f"(SELECT juliu_now() AS at, juliu_user() AS who, {applicant} AS app, {ref}.rowid AS rid, "
                f"{before} AS b, {after} AS a, "
                f"COALESCE((SELECT hash FROM history ORDER BY id DESC LIMIT 1), '') AS prev) AS e;")
        if action == "delete":
            data = f'OLD."{blob}"' if blob else "NULL"
            body += (f" INSERT INTO recycle_bin (history_id, deleted_at, applicant_id, tbl, row_id, row, data) "
                     f"VALUES (last_insert_rowid(), juliu_now(), {applicant}, '{table}', OLD.rowid, "
                     f"{_row_json('OLD', [(n, k) for n, k in columns if n != blob])}, {data});")
        statements.append(f"DROP TRIGGER IF EXISTS temp.{name}")
        statements.append(f'CREATE TEMP TRIGGER {name} AFTER {action.upper()} ON main."{table}" {when} '
                          f"BEGIN {body} END")
    return statements


def entries(conn: Any, applicant_id: int | None = None, limit: int | None = None) -> list[Entry]:
    """History entries, newest first; for one client when `applicant_id` is given."""
    sql = ("SELECT id, at, who, applicant_id, tbl, row_id, action, before, after, prev, hash FROM history"
           + (" WHERE applicant_id = ?" if applicant_id is not None else "") + " ORDER BY id DESC"
           + (f" LIMIT {int(limit)}" if limit else ""))
    rows = conn.execute(sql, (applicant_id,) if applicant_id is not None else ()).fetchall()
    return [Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _load(r[7]), _load(r[8]), r[9], r[10]) for r in rows]


def _load(text: str | None) -> dict[str, Any] | None:
    import json

    return json.loads(text) if text else None


def verify(conn: Any) -> ChainReport:
    """Recompute the chain from the first entry: the first entry whose link or content does not match."""
    expected_prev = ""
    count = 0
    cursor = conn.execute("SELECT id, at, who, applicant_id, tbl, row_id, action, before, after, prev, hash "
                          "FROM history ORDER BY id")
    for row in cursor:
        count += 1
        entry_id, at, who, applicant, table, row_id, action, before, after, prev, digest = row
        if prev != expected_prev:
            return ChainReport(count, digest, entry_id, "the link to the previous entry is broken "
                               "(an entry before it was removed or changed)")
        if chain_hash(prev, at, who, applicant, table, row_id, action, before, after) != digest:
            return ChainReport(count, digest, entry_id, "the entry was changed after it was written")
        expected_prev = digest
    return ChainReport(count, expected_prev, None, "")


def bin_filled(conn: Any) -> bool:
    return conn.execute("SELECT 1 FROM recycle_bin LIMIT 1").fetchone() is not None


def purge_bin(conn: Any, now: dt.datetime, days: int) -> int:
    cutoff = (now - dt.timedelta(days=max(0, days))).isoformat(timespec="seconds")
    return int(conn.execute("DELETE FROM recycle_bin WHERE deleted_at < ?", (cutoff,)).rowcount)


def bin_items(conn: Any) -> list[BinItem]:
    import json

    rows = conn.execute("SELECT id, deleted_at, applicant_id, tbl, row_id, row FROM recycle_bin "
                        "ORDER BY id DESC").fetchall()
    return [BinItem(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


def restore_from_bin(conn: Any, item_id: int) -> int:
    """Put back a deleted row and everything deleted with it (same client, same moment); returns the rows."""
    import json

    from core.storage.pg.dialect import table_columns  # its patterns compile on import: not needed to open a file

    first = conn.execute("SELECT deleted_at, applicant_id FROM recycle_bin WHERE id = ?", (item_id,)).fetchone()
    if first is None:
        raise LookupError(f"no item {item_id} in the recycle bin")
    rows = conn.execute("SELECT id, tbl, row, data FROM recycle_bin WHERE deleted_at = ? AND applicant_id IS ? "
                        "ORDER BY id", tuple(first)).fetchall()
    order = {t: i for i, t in enumerate(_RESTORE_ORDER)}
    rows.sort(key=lambda r: (order.get(r[1], len(order)), r[0]))
    ensure_triggers(conn)  # the rows put back are recorded as any other write
    conn.execute("BEGIN IMMEDIATE")
    try:
        for bin_id, table, text, data in rows:
            values = json.loads(text)
            info = table_columns(conn, table)
            columns = [name for name, _kind in info]
            blob = next((name for name, kind in info if kind == "BLOB"), None)
            if blob is not None:
                values[blob] = data
            names = [c for c in columns if c in values]
            conn.execute(f'INSERT INTO "{table}" ({", ".join(chr(34) + n + chr(34) for n in names)}) '
                         f'VALUES ({", ".join("?" for _ in names)})', [values[n] for n in names])
            conn.execute("DELETE FROM recycle_bin WHERE id = ?", (bin_id,))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return len(rows)


def head(conn: Any) -> int:
    """The newest entry's id (0 before any): a mark to ask later what was written since."""
    row = conn.execute("SELECT COALESCE(MAX(id), 0) FROM history").fetchone()
    return int(row[0])


def written_since(conn: Any, mark: int) -> list[tuple[int | None, str, str]]:
    """(applicant id, table, action) of every entry after `mark`, oldest first: what a use case wrote."""
    rows = conn.execute("SELECT applicant_id, tbl, action FROM history WHERE id > ? ORDER BY id", (mark,))
    return [(r[0], r[1], r[2]) for r in rows.fetchall()]
