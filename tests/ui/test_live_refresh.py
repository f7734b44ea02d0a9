"""Live refresh (issue 13): a colleague's save on another connection to the firm database reaches an open window
(offscreen) within a second, as its own changes do: the client list, the client shown, the deadlines dock. The
window's own saves are not applied a second time; a lost connection is said in the status bar and comes back; a
SQLite store has no listener. Real PostgreSQL server, separate connections."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import psycopg
import pytest

from core.records.identity import Applicant, Passport
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.main_window import MainWindow


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
def firm_window(qtbot, firm: JuliuService, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(firm, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    assert w.live is not None
    qtbot.waitUntil(lambda: w.live is not None and w.live.listening, timeout=5000)
    return w


def _names(window: MainWindow) -> list[str]:
    return [a.latin_name for a in window.applicant_model.records()]


def test_a_colleagues_save_refreshes_the_window_within_a_second(
        qtbot, firm_window: MainWindow, colleague: JuliuService) -> None:  # type: ignore[no-untyped-def]
    window = firm_window
    added = colleague.save_applicant(Applicant("Wang", "Xiaoming", "王小明", city="Beijing"))
    assert added.id is not None
    qtbot.waitUntil(lambda: "WANG Xiaoming" in " ".join(_names(window)), timeout=1000)
    window.refresh_applicants(select_id=added.id)
    assert "王小明" in window.header.text()
    assert "Ann Lee" in window.statusBar().currentMessage()
    # The client shown is read again when a colleague changes it.
    colleague.save_applicant(dataclasses.replace(colleague.require_applicant(added.id), chinese_name="王晓明"))
    qtbot.waitUntil(lambda: "王晓明" in window.header.text(), timeout=1000)
    # The deadlines dock stays current: a passport expiring soon appears as the colleague saves it.
    assert not [i for i in window.deadlines.dashboard.items() if i.applicant_id == added.id]  # type: ignore[union-attr]
    colleague.save_passport(Passport(added.id, "E12345678", "USA", dt.date(2017, 2, 1), dt.date(2027, 1, 31)))
    qtbot.waitUntil(lambda: "E12345678" in window.header.text(), timeout=1000)
    qtbot.waitUntil(lambda: any(i.applicant_id == added.id and i.due == dt.date(2027, 1, 31)
                                for i in window.deadlines.dashboard.items()), timeout=3000)  # type: ignore[union-attr]


def test_the_windows_own_saves_are_not_applied_twice(
        qtbot, firm_window: MainWindow, colleague: JuliuService) -> None:  # type: ignore[no-untyped-def]
    window = firm_window
    assert window.live is not None
    heard: list[object] = []
    window.live.changed.connect(heard.append)
    window.service.save_applicant(Applicant("Li", "Lei", "李雷"))
    reader = window.service.reader()  # the window's work off the GUI thread (imports) shares its origin
    try:
        reader.save_applicant(Applicant("Han", "Meimei", "韩梅梅"))
    finally:
        reader.close()
    colleague.save_applicant(Applicant("Zhao", "Yun", "赵云"))  # a marker: everything before it has arrived
    qtbot.waitUntil(lambda: bool(heard), timeout=1000)
    qtbot.wait(200)
    assert len(heard) == 1
    assert {window.service.get_applicant(a).latin_name for a in heard[0].changes.applicants} == {  # type: ignore[attr-defined]
        "ZHAO Yun"}


LOST = {"en": ("Live refresh paused", "lost the connection to the firm database"),
        "zh_CN": ("实时刷新已暂停", "与公司数据库的连接已断开")}


def test_a_lost_connection_is_said_and_comes_back(  # type: ignore[no-untyped-def]
        qtbot, firm_window: MainWindow, colleague: JuliuService, pg_store_url: str, lang: str) -> None:
    """The status bar says so in the interface's language (both parts: the pause and the store's own message)."""
    window = firm_window
    with psycopg.connect(pg_store_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
                      " AND pid <> pg_backend_pid() AND datname = current_database()")
    qtbot.waitUntil(lambda: all(part in window.statusBar().currentMessage() for part in LOST[lang]), timeout=3000)
    colleague.save_applicant(Applicant("Sun", "Quan", "孙权"))  # saved while this window was not listening
    qtbot.waitUntil(lambda: "SUN Quan" in " ".join(_names(window)), timeout=5000)  # read again on reconnecting
    colleague.save_applicant(Applicant("Zhou", "Yu", "周瑜"))
    qtbot.waitUntil(lambda: "ZHOU Yu" in " ".join(_names(window)), timeout=1000)


def test_a_window_on_the_sqlite_file_does_not_listen(qtbot, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    if service.url is not None:
        pytest.skip("about the SQLite file")
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    assert window.live is None
