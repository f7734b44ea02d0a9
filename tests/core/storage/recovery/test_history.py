"""The history of changes: every insert, change and delete appended and chained; tampering found; the recycle bin."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from core.records.identity import Applicant, Passport
from core.services.facade import JuliuService
from core.storage.sqlite.db import DB_FILENAME


def _family(service: JuliuService) -> tuple[Applicant, Passport]:
    a = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明"))
    assert a.id is not None
    p = service.save_passport(Passport(a.id, "E12345678", "GBR", None, dt.date(2031, 5, 4)))
    return a, p


def test_every_change_is_an_entry_with_before_and_after(service: JuliuService):
    a, p = _family(service)
    service.save_applicant(Applicant("Wang", "Xiaoming", "王晓明", id=a.id))
    service.save_applicant(Applicant("Wang", "Xiaoming", "王晓明", id=a.id))  # no change: no entry
    entries = service.history()
    assert [(e.table, e.action) for e in entries[:3]] == [
        ("applicant", "update"), ("passport", "insert"), ("applicant", "insert")]
    update = entries[0]
    assert update.before is not None and update.after is not None
    assert (update.before["chinese_name"], update.after["chinese_name"]) == ("王小明", "王晓明")
    assert update.applicant_id == a.id and entries[1].applicant_id == a.id
    assert update.who and update.at[:4].isdigit()
    assert entries[1].after is not None and entries[1].after["number"] == "E12345678"
    report = service.verify_history()
    assert report.intact and report.entries == len(entries) and report.head == entries[0].hash
    assert all(e.prev == older.hash for e, older in zip(entries, entries[1:], strict=False))


def test_tampering_is_found_where_it_happened(service: JuliuService, second_connection: Any):
    _family(service)
    for i in range(3):
        service.save_applicant(Applicant(f"Other{i}", "X"))
    conn = second_connection
    conn.execute("UPDATE history SET after = replace(after, 'E12345678', 'E99999999') WHERE tbl = 'passport'")
    broken_id = conn.execute("SELECT id FROM history WHERE tbl = 'passport'").fetchone()[0]
    report = service.verify_history()
    assert not report.intact and report.broken_at == broken_id and "changed" in report.reason
    conn.execute("UPDATE history SET after = replace(after, 'E99999999', 'E12345678') WHERE tbl = 'passport'")
    conn.execute("DELETE FROM history WHERE id = ?", (broken_id + 1,))  # an entry removed from the middle
    report = service.verify_history()
    assert not report.intact and report.broken_at == broken_id + 2 and "link" in report.reason


def test_deleted_records_go_to_the_recycle_bin_and_come_back(service: JuliuService):
    a, p = _family(service)
    assert a.id is not None
    service.delete_applicant(a.id)
    assert service.list_applicants() == []
    items = service.recycle_bin()
    assert {i.table for i in items} >= {"applicant", "passport"}
    assert all(i.applicant_id == a.id for i in items)
    applicant_item = next(i for i in items if i.table == "applicant")
    assert service.restore_deleted(applicant_item.id) >= 2
    (back,) = service.list_applicants()
    assert (back.id, back.chinese_name) == (a.id, "王小明")
    assert [x.number for x in service.list_passports(a.id)] == ["E12345678"]
    assert service.recycle_bin() == []
    assert service.verify_history().intact


def test_the_bin_is_purged_after_the_settings_days(data_dir: Path):
    svc = JuliuService.open(data_dir)
    a, _p = _family(svc)
    assert a.id is not None
    svc.delete_applicant(a.id)
    assert svc.recycle_bin()
    svc.set_setting("recycle_bin_days", 30)
    svc.close()
    later = dt.datetime.now().astimezone() + dt.timedelta(days=29)
    svc = JuliuService.open(data_dir, now=later, daily_backup=False)
    assert svc.recycle_bin()
    svc.close()
    svc = JuliuService.open(data_dir, now=later + dt.timedelta(days=2), daily_backup=False)
    try:
        assert svc.recycle_bin() == []
        assert any(e.action == "delete" for e in svc.history())  # the history keeps what was deleted
    finally:
        svc.close()
    assert (data_dir / DB_FILENAME).exists()


def _triggers(service: JuliuService) -> int:
    return int(service.store.applicants._conn.execute(  # noqa: SLF001 (the temp schema of this very connection)
        "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'").fetchone()[0])


def test_the_triggers_come_with_a_connections_first_write(tmp_path: Path):
    """Opening, reading and a reader thread's connection compile none of the triggers (issue 15: start-up);
    the first write of a connection creates them before it writes, so nothing goes unrecorded."""
    service = JuliuService.open(tmp_path, daily_backup=False)
    try:
        assert _triggers(service) == 0
        service.list_applicants()
        service.client_rows()
        assert _triggers(service) == 0
        a, _p = _family(service)
        assert _triggers(service) >= 3 * 18  # insert, update and delete of every table of the records
        assert [(e.table, e.action) for e in service.history()] == [("passport", "insert"), ("applicant", "insert")]
        assert a.id is not None
        service.delete_applicant(a.id)
        item = next(i for i in service.recycle_bin() if i.table == "applicant")
    finally:
        service.close()
    again = JuliuService.open(tmp_path, daily_backup=False)  # a new connection whose first write is a restore
    try:
        reader = again.reader()
        assert _triggers(reader) == 0 and _triggers(again) == 0
        reader.close()
        assert again.restore_deleted(item.id) >= 2
        assert [(e.table, e.action) for e in again.history()[:2]] == [("passport", "insert"), ("applicant", "insert")]
        assert again.verify_history().intact
    finally:
        again.close()
