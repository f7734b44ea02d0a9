"""On the PostgreSQL pass (JULIU_TEST_ENGINE=postgresql) every command a test runs opens a fresh firm database
through JULIU_DATABASE_URL instead of the SQLite file in --data-dir: the same CLI tests on both engines."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.i18n import set_locale
from tests.conftest import TEST_ENGINE


@pytest.fixture(autouse=True)
def cli_engine_store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if TEST_ENGINE != "postgresql" or request.node.get_closest_marker("sqlite_only") \
            or "pg_url" in request.fixturenames:  # a test of the firm commands manages its own database
        return
    url = request.getfixturevalue("pg_store_url")
    monkeypatch.setenv("JULIU_DATABASE_URL", url)


@pytest.fixture()
def zh() -> Iterator[None]:
    """The Chinese interface for one test, English again afterwards."""
    set_locale("zh_CN")
    try:
        yield
    finally:
        set_locale("en")
