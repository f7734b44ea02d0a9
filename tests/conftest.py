"""Shared fixtures: offscreen Qt, no network, a fresh database per test, a fixed `today`."""
from __future__ import annotations

import datetime as dt
import itertools
import os
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from core.services.facade import JuliuService

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # must precede any Qt import (STACK-NOTES)
# The CLI and the window follow the system's language when no --lang is given: tests start from English.
for _key in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_key, None)
os.environ["LANG"] = "C.UTF-8"

TODAY = dt.date(2026, 11, 22)


class NetworkUsed(AssertionError):
    """Juliu is offline: any attempt to open an internet socket fails the test."""


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkUsed(f"network connection attempted to {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection",
                        lambda address, *a, **k: (_ for _ in ()).throw(NetworkUsed(repr(address))))


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


# JULIU_TEST_ENGINE=postgresql runs every test that takes `service` (or `engine_service`) against a fresh database
# on the test server (JULIU_TEST_DATABASE_URL) instead of a SQLite file: the same tests on both engines (.ci/run).
TEST_ENGINE = os.environ.get("JULIU_TEST_ENGINE", "sqlite")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--engine-tests-only", action="store_true", dest="engine_tests_only",
                     help="with JULIU_TEST_ENGINE=postgresql: run only the tests that take the store")


# the store fixtures; cli_engine_store is tests/cli's autouse fixture that points every command at the test database
ENGINE_FIXTURES = frozenset({"service", "engine_service", "pg_store_url", "cli_engine_store"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass, every test that takes the store (`ENGINE_FIXTURES`) runs, wherever it lives;
    a test that does not take it would only repeat the SQLite pass, so it is deselected (`make test-postgresql`
    runs the whole tree). Tests about the SQLite file itself (its bytes, backups, encryption) are skipped."""
    if TEST_ENGINE != "postgresql":
        return
    engine_items = [item for item in items if ENGINE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if config.getoption("engine_tests_only", default=False):
        config.hook.pytest_deselected(items=[item for item in items if item not in engine_items])
        items[:] = engine_items
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason="about the SQLite file: " + (marker.args[0] if marker.args
                                                                                 else "not an engine test")))


@pytest.fixture
def service(data_dir: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[JuliuService]:
    if TEST_ENGINE == "postgresql":
        url = request.getfixturevalue("pg_store_url")
        monkeypatch.setenv("JULIU_DATABASE_URL", url)  # the commands a test runs open the same database
        svc = JuliuService.open_url(url)
    else:
        svc = JuliuService.open(data_dir)
    yield svc
    svc.close()


_PG_SKIP = ("PostgreSQL tests skipped: JULIU_TEST_DATABASE_URL is not set "
            "(start a throwaway server with `tools/pg-test-cluster.sh start DIR` and export the URL it prints)")
_pg_names = itertools.count(1)


def _pg_database(admin: str, template: str = "template0") -> tuple[str, str]:
    """(name, URL) of a new database on the test server, copied from `template`."""
    name = f"juliu_test_{os.getpid()}_{next(_pg_names)}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}".encode())
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template} ENCODING 'UTF8'".encode())
    params = {k: str(v) for k, v in conninfo_to_dict(admin).items() if v is not None}
    params["dbname"] = name
    return name, "postgresql:///?" + urlencode(params)


def _pg_drop(admin: str, name: str) -> None:
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())


def _pg_admin() -> str:
    admin = os.environ.get("JULIU_TEST_DATABASE_URL")
    if not admin:
        pytest.skip(_PG_SKIP)
    return admin


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (CREATE DATABASE from template0), dropped afterwards.

    Skipped, with the reason, when no server is configured; when one is configured but cannot be reached the test
    fails (CI must not turn a broken server into skips).
    """
    admin = _pg_admin()
    name, url = _pg_database(admin)
    try:
        yield url
    finally:
        _pg_drop(admin, name)


@pytest.fixture(scope="session")
def _pg_store_database() -> Iterator[str]:
    """One database per test session with the schema made by `firm init`; emptied before each test that uses it
    (TRUNCATE takes a tenth of the time of a new database, and the migrations run once)."""
    from core.storage.pg.postgres import init_schema  # noqa: PLC0415

    admin = _pg_admin()
    name, url = _pg_database(admin)
    try:
        init_schema(url)
        yield url
    finally:
        _pg_drop(admin, name)


@pytest.fixture
def pg_store_url(_pg_store_database: str) -> str:
    """An empty firm database with the current schema (as right after `firm init`): every table emptied, ids
    starting at 1 again, triggers a test added removed."""
    with psycopg.connect(_pg_store_database, autocommit=True, connect_timeout=5) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = 'BASE TABLE' AND table_name <> 'juliu_schema'")]
        for table, trigger in conn.execute(
                "SELECT event_object_table, trigger_name FROM information_schema.triggers"
                " WHERE trigger_schema = current_schema() AND trigger_name NOT LIKE 'A\\_juliu\\_history\\_%'"
                " GROUP BY 1, 2").fetchall():
            conn.execute(f'DROP TRIGGER "{trigger}" ON "{table}"'.encode())
        conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE".encode())
    return _pg_store_database


def open_colleague(service: JuliuService, data_dir: Path) -> JuliuService:
    """Another staff member's service on the store `service` uses, through a connection of its own (either engine)."""
    if service.url is not None:
        return JuliuService.open_url(service.url)
    return JuliuService.open(data_dir, daily_backup=False)


@pytest.fixture
def second_connection(service: JuliuService) -> Iterator[object]:
    """Another connection to the store `service` uses, each statement committed at once (`?` placeholders on both
    engines): another program, or another member of staff, changing the data underneath."""
    if service.url is not None:
        from core.storage.pg.postgres import open_store  # noqa: PLC0415

        conn: object = open_store(service.url)
    else:
        conn = sqlite3.connect(service.path, isolation_level=None)
    yield conn
    conn.close()  # type: ignore[attr-defined]
