"""Shared fixtures: offscreen Qt, no network, a fresh database per test, a fixed `today`."""
from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

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
