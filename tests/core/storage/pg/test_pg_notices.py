"""Live change notices on a firm database (issue 13 item 4): every committed write is announced with NOTIFY to
the other sessions, as the same OpChanges the window uses; a session never hears its own; a lost connection is
reported and the next wait connects again. Real server, separate connections."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import psycopg
import pytest

from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.services.firm.live import LiveChange, LiveChanges
from core.storage.sqlite.health import StorageError


@pytest.fixture
def firm(pg_store_url: str) -> Iterator[JuliuService]:
    svc = JuliuService.open_url(pg_store_url)
    yield svc
    svc.close()


@pytest.fixture
def colleague(pg_store_url: str) -> Iterator[JuliuService]:
    svc = JuliuService.open_url(pg_store_url)
    svc.set_staff_name("Ann Lee")
    yield svc
    svc.close()


@pytest.fixture
def live(firm: JuliuService) -> Iterator[LiveChanges]:
    listening = firm.live_changes()
    assert listening is not None
    listening.connect()
    yield listening
    listening.close()


def _next(live: LiveChanges, seconds: float = 2.0) -> LiveChange | None:
    return live.wait(seconds)


def test_a_colleagues_save_arrives_with_the_client_the_kind_and_who(
        live: LiveChanges, colleague: JuliuService) -> None:
    saved = colleague.save_applicant(Applicant("Wang", "Xiaoming", "王小明", city="Beijing"))
    got = _next(live)
    assert got is not None and saved.id is not None
    assert got.changes.applicants == {saved.id} and "applicant" in got.changes.kinds
    assert got.changes.applicant_list and got.who == ("Ann Lee",)
    colleague.save_applicant(dataclasses.replace(colleague.require_applicant(saved.id), city="Shanghai"))
    again = _next(live)
    assert again is not None and again.changes.applicants == {saved.id}


def test_a_sessions_own_writes_and_its_readers_are_not_announced_to_it(
        firm: JuliuService, live: LiveChanges, colleague: JuliuService) -> None:
    mine = firm.save_applicant(Applicant("Li", "Lei", "李雷"))
    reader = firm.reader()
    try:
        assert reader.origin == firm.origin
        reader.save_applicant(Applicant("Han", "Meimei", "韩梅梅"))
    finally:
        reader.close()
    assert _next(live, 0.5) is None
    theirs = colleague.save_applicant(dataclasses.replace(colleague.require_applicant(mine.id or 0), city="Xi'an"))
    got = _next(live)
    assert got is not None and got.changes.applicants == {theirs.id}


def test_only_committed_changes_are_announced(live: LiveChanges, pg_store_url: str) -> None:
    with psycopg.connect(pg_store_url) as raw:  # a transaction: nothing is announced before COMMIT
        raw.execute("INSERT INTO applicant (family_name, given_names, chinese_name) VALUES ('Zhao', 'Yun', '赵云')")
        assert _next(live, 0.5) is None
        raw.rollback()
        assert _next(live, 0.5) is None
        row = raw.execute("INSERT INTO applicant (family_name, given_names, chinese_name)"
                          " VALUES ('Ma', 'Chao', '马超') RETURNING id").fetchone()
        assert row is not None
        raw.commit()
    got = _next(live)
    assert got is not None and got.changes.applicants == {row[0]}


def test_many_rows_of_one_save_arrive_as_one_change(live: LiveChanges, colleague: JuliuService) -> None:
    ids = [colleague.save_applicant(Applicant("Staff", f"N{i}", "")).id for i in range(3)]
    got = _next(live)
    while got is not None and len(got.changes.applicants) < 3:
        more = _next(live, 1.0)
        assert more is not None, "notices went missing"
        got = LiveChange(got.changes | more.changes, got.who)
    assert got is not None and got.changes.applicants == set(ids)


def test_a_lost_connection_is_reported_and_the_next_wait_reconnects(
        live: LiveChanges, colleague: JuliuService, pg_store_url: str) -> None:
    with psycopg.connect(pg_store_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
                      " AND pid <> pg_backend_pid()")
    with pytest.raises(StorageError, match="lost the connection to the firm database"):
        live.wait(2.0)
    assert not live.connected
    assert live.wait(0.1) is None and live.connected  # connected again
    saved = colleague.save_applicant(Applicant("Sun", "Quan", "孙权"))
    got = _next(live)
    assert got is not None and got.changes.applicants == {saved.id}


def test_wake_ends_a_wait_at_once(live: LiveChanges) -> None:
    live.wake()
    assert live.wait(30.0) is None
    live.wake()
    assert live.pause(30.0) is False


def test_a_sqlite_store_has_no_live_changes(data_dir) -> None:  # type: ignore[no-untyped-def]
    local = JuliuService.open(data_dir)
    try:
        assert local.live_changes() is None and local.origin == ""
    finally:
        local.close()
