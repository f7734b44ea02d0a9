"""Shared fixtures: offscreen Qt, no network, a fresh database per test, a fixed `today`."""
from __future__ import annotations

import datetime as dt
import itertools
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from core.services.facade import JuliuService

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # must precede any Qt import (STACK-NOTES)

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


@pytest.fixture
def service(data_dir: Path) -> Iterator[object]:
    svc = JuliuService.open(data_dir)
    yield svc
    svc.close()


_PG_SKIP = ("PostgreSQL tests skipped: JULIU_TEST_DATABASE_URL is not set "
            "(start a throwaway server with `tools/pg-test-cluster.sh start DIR` and export the URL it prints)")
_pg_names = itertools.count(1)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (CREATE DATABASE from template0), dropped afterwards.

    Skipped, with the reason, when no server is configured; when one is configured but cannot be reached the test
    fails (CI must not turn a broken server into skips).
    """
    admin = os.environ.get("JULIU_TEST_DATABASE_URL")
    if not admin:
        pytest.skip(_PG_SKIP)
    name = f"juliu_test_{os.getpid()}_{next(_pg_names)}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}".encode())
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'".encode())
    params = {k: str(v) for k, v in conninfo_to_dict(admin).items() if v is not None}
    params["dbname"] = name
    try:
        yield "postgresql:///?" + urlencode(params)
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())
