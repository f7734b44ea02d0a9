"""No lost update (issue 13 item 3): two connections on one real SQLite file (and two on a real PostgreSQL server
when JULIU_TEST_DATABASE_URL is set) edit the same record; neither edit is silently lost."""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest

from core.errors import ConflictError
from core.records.identity import Applicant, Passport
from core.records.model import Document, DocumentKind, IncomeYear
from core.services.facade import JuliuService
from core.storage.pg.postgres import init_schema
from core.storage.repositories.versions import update_row
from tests.dbfile import side_connection


@pytest.fixture
def second(data_dir: Path, service: JuliuService) -> Iterator[JuliuService]:
    """Another staff member's session on the same store (file or firm database): its own connection."""
    other = JuliuService.open_url(service.url) if service.url else JuliuService.open(data_dir, daily_backup=False)
    yield other
    other.close()


def _stored(service: JuliuService, sql: str) -> Any:
    with side_connection(service) as conn:
        return tuple(conn.execute(sql).fetchone())


def test_a_save_from_an_older_version_is_refused_naming_who_and_when(
        service: JuliuService, second: JuliuService, data_dir: Path) -> None:
    created = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明", city="Beijing"))
    assert created.id is not None and created.version == 1
    mine, theirs = service.get_applicant(created.id), second.get_applicant(created.id)
    first = second.save_applicant(dataclasses.replace(theirs, chinese_name="王晓明"))
    assert first.version == 2
    with pytest.raises(ConflictError) as caught:
        service.save_applicant(dataclasses.replace(mine, city="Shanghai"))
    err = caught.value
    assert (err.table, err.record_id, err.stored_version) == ("applicant", created.id, 2)
    assert isinstance(err.stored, Applicant) and err.stored.chinese_name == "王晓明" and err.stored.city == "Beijing"
    assert isinstance(err.mine, Applicant) and err.mine.city == "Shanghai"
    assert err.who and err.at and err.at[:4].isdigit()
    assert "changed" in str(err) and err.who in str(err)
    # Nothing of the refused save was written; the first save stands.
    assert _stored(service, f"SELECT chinese_name, city, version FROM applicant WHERE id = {created.id}") == (
        "王晓明", "Beijing", 2)
    # Overwrite knowingly: the same values again, from the version the conflict named.
    again = service.save_applicant(dataclasses.replace(err.mine, version=err.stored_version))
    assert again.version == 3
    assert _stored(service, f"SELECT city, version FROM applicant WHERE id = {created.id}") == ("Shanghai", 3)
    updates = [e for e in service.history(created.id) if e.action == "update"]
    assert len(updates) == 2  # both edits are in the history: the overwritten one is not lost either


def _race(sessions: list[tuple[JuliuService, Applicant]], city: str) -> list[object]:
    """Each session saves its loaded copy with a new city at the same moment: what each one got back."""
    start = threading.Barrier(len(sessions))
    outcome: list[object] = [None] * len(sessions)

    def save(i: int) -> None:
        svc, base = sessions[i]
        start.wait()
        try:
            outcome[i] = svc.save_applicant(dataclasses.replace(base, city=f"{city}-{i}"))
        except ConflictError as exc:
            outcome[i] = exc

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(sessions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome


def test_concurrent_saves_of_the_same_version_one_wins_the_other_is_told(
        service: JuliuService, second: JuliuService, data_dir: Path) -> None:
    created = service.save_applicant(Applicant("Li", "Na"))
    assert created.id is not None
    for round_ in range(15):
        outcome = _race([(s, s.get_applicant(created.id)) for s in (service, second)], f"city {round_}")
        saved = [o for o in outcome if isinstance(o, Applicant)]
        refused = [o for o in outcome if isinstance(o, ConflictError)]
        assert len(saved) == 1 and len(refused) == 1, outcome
        assert _stored(service, f"SELECT city FROM applicant WHERE id = {created.id}") == (saved[0].city,)
        assert isinstance(refused[0].stored, Applicant) and refused[0].stored.city == saved[0].city


def test_an_unchanged_save_keeps_the_version_and_same_values_are_no_conflict(
        service: JuliuService, second: JuliuService) -> None:
    created = service.save_applicant(Applicant("Chen", "Mei"))
    assert created.id is not None
    assert service.save_applicant(created).version == 1
    second.save_applicant(dataclasses.replace(created, city="Shenzhen"))
    # The stale copy saves exactly what is stored now: nothing would be lost, so nothing is refused.
    assert service.save_applicant(dataclasses.replace(created, city="Shenzhen")).version == 2


def test_records_and_passports_carry_and_check_their_version(service: JuliuService, second: JuliuService) -> None:
    person = service.save_applicant(Applicant("Zhao", "Lei"))
    assert person.id is not None
    passport = service.save_passport(Passport(person.id, "E1", "GBR", None, dt.date(2031, 1, 1)))
    doc, _warnings = service.records.save_document(Document(person.id, DocumentKind.DEGREE, number="D-1"))
    income = service.records.save_income(IncomeYear(person.id, 2025, Decimal("300000"), Decimal("20000")))
    assert (passport.version, doc.version, income.version) == (1, 1, 1)
    assert service.records.list_documents(person.id)[0].version == 1
    second.save_passport(dataclasses.replace(passport, number="E2"))
    second.records.save_document(dataclasses.replace(doc, number="D-2"))
    second.records.save_income(dataclasses.replace(income, city="Beijing"))
    for stale, save in ((passport, service.save_passport), (doc, service.records.save_document),
                        (income, service.records.save_income)):
        with pytest.raises(ConflictError) as caught:
            save(dataclasses.replace(stale, **{"notes" if isinstance(stale, Document) else "issuing_country"
                                               if isinstance(stale, Passport) else "city": "XXX"}))
        assert caught.value.stored_version == 2 and caught.value.stored is not None
    assert service.records.list_income(person.id)[0].city == "Beijing"


def test_a_stale_delete_is_refused_and_a_current_one_goes_through(
        service: JuliuService, second: JuliuService) -> None:
    person = service.save_applicant(Applicant("Sun", "Yu"))
    assert person.id is not None
    doc, _ = service.records.save_document(Document(person.id, DocumentKind.DEGREE, number="D-1"))
    assert doc.id is not None
    second.records.save_document(dataclasses.replace(doc, number="D-9"))
    with pytest.raises(ConflictError) as caught:
        service.records.delete_document(doc.id, doc.version)
    assert caught.value.mine is None and isinstance(caught.value.stored, Document)
    assert service.records.list_documents(person.id)[0].number == "D-9"
    with pytest.raises(ConflictError):  # the undoable delete of the window checks the same way
        service.snapshots.delete("document", [doc.id], [doc.version])
    assert len(service.records.list_documents(person.id)) == 1
    service.snapshots.delete("document", [doc.id], [2])
    assert service.records.list_documents(person.id) == []
    service.records.delete_document(doc.id, 2)  # already gone: nothing of anyone's is lost
    with pytest.raises(ConflictError):
        second.delete_applicant(person.id, 7)
    service.delete_applicant(person.id, 1)
    assert service.list_applicants() == []


def test_undo_writes_a_new_version(service: JuliuService) -> None:
    person = service.save_applicant(Applicant("Zhou", "Min"))
    assert person.id is not None
    before = service.snapshots.of(person)
    assert before is not None
    edited = service.save_applicant(dataclasses.replace(person, city="Hangzhou"))
    service.snapshots.put(before)  # undo
    assert service.get_applicant(person.id).version == 3
    with pytest.raises(ConflictError):
        service.save_applicant(dataclasses.replace(edited, city="Suzhou"))


class _Qmark:
    """The repositories' `?` placeholders on psycopg (what the engine's connection layer translates)."""

    def __init__(self, conn: psycopg.Connection[Any]):
        self.conn = conn

    def execute(self, sql: str, args: tuple[object, ...] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s").encode(), args)


def test_two_postgres_connections_lose_no_update(pg_url: str) -> None:
    init_schema(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as setup:
        row = setup.execute("INSERT INTO applicant (family_name, city) VALUES ('Wang', 'Beijing') RETURNING id")
        record_id = int(row.fetchone()[0])  # type: ignore[index]
    base = Applicant("Wang", "", city="Beijing", id=record_id, version=1)  # type: ignore[arg-type]
    conns = [psycopg.connect(pg_url) for _ in range(2)]
    try:
        start = threading.Barrier(2)
        outcome: list[object] = [None, None]

        def save(i: int) -> None:
            start.wait()
            db = _Qmark(conns[i])
            try:
                with conns[i].transaction():
                    outcome[i] = update_row(db, "applicant", ("city",), (f"city {i}",), base,
                                            lambda: db.execute("SELECT city FROM applicant WHERE id = ?",
                                                               (record_id,)).fetchone())
            except ConflictError as exc:
                outcome[i] = exc

        threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        for c in conns:
            c.close()
    assert sorted(type(o).__name__ for o in outcome) == ["ConflictError", "int"], outcome
    winner = outcome.index(2)
    refused = outcome[1 - winner]
    assert isinstance(refused, ConflictError) and refused.stored_version == 2
    assert refused.stored == (f"city {winner}",)
    with psycopg.connect(pg_url) as check:
        assert check.execute("SELECT city, version FROM applicant").fetchall() == [(f"city {winner}", 2)]
