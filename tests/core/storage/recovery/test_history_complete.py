"""Replaying the history gives the store. Since issue 15 a connection creates the history's triggers with its first
write rather than at open (core/storage/recovery/history.py `ensure_triggers`); a write path that went around that
would change the records unrecorded. Each kind of write here is the first write of a freshly opened store, and
afterwards every row of every table of the records must be the `after` of its latest history entry, and every row
whose latest entry is a delete must be gone."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from core.records.identity import Applicant, Crossing, Direction, Passport
from core.records.model import Document, DocumentKind
from core.services.facade import JuliuService
from core.storage.recovery import history
from core.storage.sqlite.db import DB_FILENAME
from tests.core.packet_cases import import_cases, person_id

TODAY = dt.date(2026, 11, 30)
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def _someone(s: JuliuService) -> int:
    return int(person_id(s, "陈伟明"))


def _edit_applicant(s: JuliuService) -> None:
    a = next(x for x in s.list_applicants() if x.chinese_name == "陈伟明")
    s.save_applicant(Applicant(a.family_name, a.given_names, "陈伟明", nationality="SGP", id=a.id))


def _new_passport(s: JuliuService) -> None:
    s.save_passport(Passport(_someone(s), "K7777777Q", "SGP", dt.date(2026, 1, 5), dt.date(2036, 1, 4)))


def _crossings(s: JuliuService) -> None:
    s.add_crossings(_someone(s), [Crossing(dt.date(2026, 12, 20), Direction.EXIT),
                                  Crossing(dt.date(2027, 1, 3), Direction.ENTRY)])


def _document(s: JuliuService) -> None:
    s.records.save_document(Document(_someone(s), DocumentKind.HEALTH_CERTIFICATE, "H-1", issue_date=TODAY))


def _scan(s: JuliuService) -> None:
    doc = next(d for d in s.records.list_documents(_someone(s)) if d.number == "H-1")
    s.records.add_attachment("scan.png", PNG, document_id=doc.id)


def _delete_document(s: JuliuService) -> None:
    doc = next(d for d in s.records.list_documents(_someone(s)) if d.number == "H-1")
    assert doc.id is not None
    s.records.delete_document(doc.id)


def _restore_from_bin(s: JuliuService) -> None:
    item = next(i for i in s.recycle_bin() if i.table == "document")
    assert s.restore_deleted(item.id) >= 1


def _setting(s: JuliuService) -> None:
    s.set_setting("recycle_bin_days", 45)


def _delete_client(s: JuliuService) -> None:
    s.delete_applicant(person_id(s, "金敏俊"))


WRITES: list[Callable[[JuliuService], None]] = [
    import_cases, _edit_applicant, _new_passport, _crossings, _document, _scan, _delete_document, _restore_from_bin,
    _setting, _delete_client]


def _tables(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: [(r[1], (r[2] or "").upper()) for r in conn.execute(f'PRAGMA table_info("{t}")')]
            for t in names if t not in history.UNTRACKED and not t.startswith("sqlite_")}


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path / DB_FILENAME)
    conn.create_function("juliu_sha256", 1, history._digest, deterministic=True)  # noqa: SLF001 (the triggers' own)
    return conn


def unrecorded(conn: sqlite3.Connection) -> tuple[list[str], int]:
    """Where the store and the replayed history differ (table and row), and how many rows were compared."""
    found, checked = [], 0
    for table, columns in _tables(conn).items():
        now = {rowid: json.loads(text) for rowid, text in conn.execute(
            f'SELECT rowid, {history._row_json(table, columns)} FROM "{table}"')}  # noqa: SLF001
        latest = {rowid: (action, json.loads(after) if after else None) for rowid, action, after in conn.execute(
            "SELECT row_id, action, after FROM history h WHERE tbl = ? AND id = "
            "(SELECT max(id) FROM history WHERE tbl = h.tbl AND row_id = h.row_id)", (table,))}
        for rowid, row in now.items():
            if rowid not in latest:
                found.append(f"{table} row {rowid}: no history")
            elif latest[rowid] == ("delete", None):
                found.append(f"{table} row {rowid}: deleted in the history, still stored")
            elif latest[rowid][1] != row:
                found.append(f"{table} row {rowid}: differs from its latest entry")
        checked += len(now)
    return found, checked


def test_every_kind_of_write_as_a_fresh_connections_first_write_is_in_the_history(tmp_path: Path) -> None:
    for write in WRITES:
        service = JuliuService.open(tmp_path, daily_backup=False)
        try:
            write(service)
        finally:
            service.close()
    conn = _connect(tmp_path)
    try:
        found, checked = unrecorded(conn)
    finally:
        conn.close()
    assert found == []
    assert checked > 300  # the examples' rows and every write above


def test_the_check_sees_a_write_the_history_missed(tmp_path: Path) -> None:
    """The comparison above fails on a change made without the triggers (a raw connection)."""
    service = JuliuService.open(tmp_path, daily_backup=False)
    try:
        import_cases(service)
    finally:
        service.close()
    conn = _connect(tmp_path)
    try:
        conn.execute("UPDATE applicant SET chinese_name = '未记录' WHERE id = (SELECT min(id) FROM applicant)")
        conn.commit()
        row = conn.execute("SELECT min(id) FROM applicant").fetchone()[0]
        found, _checked = unrecorded(conn)
    finally:
        conn.close()
    assert found == [f"applicant row {row}: differs from its latest entry"]
