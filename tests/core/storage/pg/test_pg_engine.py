"""The repositories on PostgreSQL (issue 13): the statement translation, ids, units of work with savepoints, the
history chain written by PL/pgSQL and checked by the same Python, and a lost connection that saves nothing.

The server tests need JULIU_TEST_DATABASE_URL (tools/pg-test-cluster.sh); skipped with that message otherwise.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import psycopg
import pytest

from core.records.identity import Applicant, Crossing, Direction, Passport
from core.records.model import Relation
from core.services.facade import JuliuService
from core.storage.pg.dialect import pg_statement
from core.storage.pg.postgres import open_store
from core.storage.recovery.history import chain_hash
from core.storage.sqlite.health import StorageError

IDS = frozenset({"applicant", "passport"})


@pytest.mark.parametrize(("sqlite", "postgres", "returns_id"), [
    ("SELECT id FROM applicant WHERE id=? AND city=?", "SELECT id FROM applicant WHERE id=%s AND city=%s", False),
    ("INSERT INTO applicant (family_name) VALUES (?)", "INSERT INTO applicant (family_name) VALUES (%s) RETURNING id",
     True),
    ("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
     "INSERT INTO setting (key, value) VALUES (%s, %s) ON CONFLICT(key) DO UPDATE SET value = excluded.value", False),
    ("SELECT 1 FROM t WHERE note = 'who? 100%' AND x LIKE ?", "SELECT 1 FROM t WHERE note = 'who? 100%' AND x LIKE %s",
     False),
    ("SELECT a FROM applicant ORDER BY family_name COLLATE NOCASE, id", "SELECT a FROM applicant ORDER BY "
     "lower(family_name), id", False),
    ("SELECT 1 FROM bin WHERE applicant_id IS ?", "SELECT 1 FROM bin WHERE applicant_id IS NOT DISTINCT FROM %s",
     False),
    ("BEGIN IMMEDIATE", "BEGIN", False),
    ("SELECT 7 % 2", "SELECT 7 %% 2", False),
])
def test_statements_are_translated_once_in_one_place(sqlite: str, postgres: str, returns_id: bool) -> None:
    assert pg_statement(sqlite, IDS) == (postgres, returns_id)


def test_pragmas_do_nothing_on_postgres() -> None:
    assert pg_statement("PRAGMA foreign_keys = ON", IDS) == (None, False)


@pytest.fixture
def firm(pg_store_url: str) -> Iterator[JuliuService]:
    service = JuliuService.open_url(pg_store_url)
    yield service
    service.close()


def test_records_round_trip_with_the_servers_ids(firm: JuliuService) -> None:
    a = firm.save_applicant(Applicant("Zhang", "Wei", "张伟", birth_date=dt.date(1985, 3, 1)))
    b = firm.save_applicant(Applicant("abbott", "Ann"))
    assert a.id is not None and b.id is not None and b.id == a.id + 1
    assert [x.family_name for x in firm.list_applicants()] == ["abbott", "Zhang"]  # NOCASE order, as on SQLite
    p = firm.save_passport(Passport(a.id, "E1234567", "CHN", None, dt.date(2031, 1, 1)))
    firm.add_crossings(a.id, [Crossing(dt.date(2026, 1, 2), Direction.ENTRY, planned=True)])
    assert [x.number for x in firm.list_passports(a.id)] == ["E1234567"] and p.id is not None
    (c,) = firm.list_crossings(a.id)
    assert c.planned is True and c.date == dt.date(2026, 1, 2)
    assert "PostgreSQL" in firm.about().engine


def test_a_failure_inside_a_unit_of_work_rolls_back_to_its_start(firm: JuliuService, pg_store_url: str) -> None:
    a = firm.save_applicant(Applicant("Li", "Na"))
    assert a.id is not None
    with pytest.raises(psycopg.errors.CheckViolation), firm.store.work():
        firm.store.applicants.update(Applicant("Li", "Na", "李娜", id=a.id))
        firm.store.passports.add(Passport(a.id, "  ", "CHN", None, dt.date(2031, 1, 1)))  # refused by CHECK
    with psycopg.connect(pg_store_url) as other:  # another connection: nothing of the unit of work was committed
        assert other.execute("SELECT chinese_name FROM applicant").fetchall() == [("",)]
        assert other.execute("SELECT count(*) FROM passport").fetchone() == (0,)
    assert firm.save_applicant(Applicant("Li", "Na", "李娜", id=a.id)).chinese_name == "李娜"  # still usable


@pytest.mark.parametrize("text", ['quote " and back\\slash', "line\nbreak\ttab\x01\x1f", "王小明 ✈ 🛂", ""])
def test_the_chain_hash_in_plpgsql_is_the_pythons(firm: JuliuService, pg_store_url: str, text: str) -> None:
    with psycopg.connect(pg_store_url) as conn:
        got = conn.execute("SELECT juliu_chain(%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                           (text, "2026-11-22T10:00:00+08:00", text, 7, "applicant", None, "update", text, None))
        assert got.fetchone() == (chain_hash(text, "2026-11-22T10:00:00+08:00", text, 7, "applicant", None,
                                             "update", text, None),)


def test_history_names_the_staff_member_and_the_chain_holds_across_connections(firm: JuliuService,
                                                                                pg_store_url: str) -> None:
    ann = JuliuService.open_url(pg_store_url, who="ann")
    try:
        a = ann.save_applicant(Applicant("Wang", "Lei", "王磊"))
        assert a.id is not None
        firm.save_passport(Passport(a.id, "E7654321", "CAN", None, dt.date(2030, 5, 4)))
        ann.delete_applicant(a.id)
    finally:
        ann.close()
    entries = firm.history(a.id)
    # Newest first; the parent's delete is written before its cascade (so a scan still finds its client).
    assert [(e.table, e.action) for e in entries] == [("passport", "delete"), ("applicant", "delete"),
                                                     ("passport", "insert"), ("applicant", "insert")]
    who = {(e.table, e.action): e.who for e in entries}
    assert who[("applicant", "insert")] == "ann" and who[("passport", "insert")] == "postgres"
    assert entries[-1].after == {"id": a.id, "family_name": "Wang", "given_names": "Lei", "chinese_name": "王磊",
                                 "sex": None, "birth_date": None, "nationality": "", "city": "", "version": 1}
    assert {i.table for i in firm.recycle_bin()} == {"applicant", "passport"}
    assert firm.verify_history().intact
    assert firm.restore_deleted(firm.recycle_bin()[0].id) == 2
    assert [p.number for p in firm.list_passports(a.id)] == ["E7654321"]
    assert firm.verify_history().intact


def test_concurrent_writers_keep_one_unbroken_chain(firm: JuliuService, pg_store_url: str) -> None:
    errors: list[BaseException] = []

    def staff(name: str) -> None:
        try:
            service = JuliuService.open_url(pg_store_url, who=name)
            try:
                for i in range(15):
                    service.save_applicant(Applicant(name, str(i)))
            finally:
                service.close()
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=staff, args=(n,)) for n in ("ann", "bo", "cai")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = firm.verify_history()
    assert report.intact and report.entries == 45
    assert len(firm.list_applicants()) == 45


def test_a_lost_connection_is_a_clear_error_and_saves_nothing(firm: JuliuService, pg_store_url: str) -> None:
    a = firm.save_applicant(Applicant("Chen", "Yu"))
    with psycopg.connect(pg_store_url, autocommit=True) as admin:  # the server drops this client (network down)
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'juliu'"
                      " AND datname = current_database()")
    with pytest.raises(StorageError, match="lost the connection to the firm database.*not saved"):
        firm.save_applicant(Applicant("Chen", "Yu", "陈雨", id=a.id))
    again = open_store(pg_store_url)
    try:
        assert again.execute("SELECT chinese_name FROM applicant").fetchall() == [("",)]
    finally:
        again.close()


def test_an_empty_or_older_database_is_refused_with_what_to_do(pg_url: str) -> None:
    with pytest.raises(StorageError, match="no Juliu schema in this database; create it with `juliu firm init"):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE juliu_schema (version BIGINT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
        conn.execute("INSERT INTO juliu_schema VALUES (1, now())")
    with pytest.raises(StorageError, match="older than this Juliu.*update it with `juliu firm init"):
        open_store(pg_url)


def test_a_row_keyed_by_its_person_is_named_by_that_key_as_on_sqlite(firm: JuliuService) -> None:
    a = firm.save_applicant(Applicant("Hu", "Jun"))
    dependant = firm.records.add_dependant(a.id or 0, Applicant("Hu", "Xiao"), Relation.CHILD)
    (entry,) = [e for e in firm.history() if e.table == "person_profile"]
    assert entry.row_id == dependant.id and entry.applicant_id == dependant.id
