"""`firm init URL`: schema created and versioned on a real server; bad URL or no server -> exit 2, no traceback."""
from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

import cli
from core.storage.sqlite.db import migrations
from tests.conftest import TODAY


def run(argv: list[str]) -> int:
    parsed = cli.parse(argv)
    return parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)


def test_firm_init_creates_the_schema_then_has_nothing_to_do(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    latest = migrations()[-1][0]
    assert run(["firm", "init", pg_url]) == 0
    assert f"schema version 0 -> {latest}" in capsys.readouterr().out
    assert run(["firm", "init", pg_url]) == 0
    assert f"already at version {latest}" in capsys.readouterr().out
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM applicant").fetchone() == (0,)


def test_firm_init_refuses_a_newer_schema_with_exit_2(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["firm", "init", pg_url]) == 0
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO juliu_schema VALUES (999, now())")
    capsys.readouterr()
    assert run(["firm", "init", pg_url]) == 2
    err = capsys.readouterr().err
    assert "newer than this Juliu knows" in err and "Traceback" not in err


@pytest.mark.parametrize(("url", "expected"), [
    ("postgresql://ann@/firm?host=/nonexistent-juliu-socket-dir&port=5", "cannot reach the firm database"),
    ("postgresql://ann:s3cret@/firm?host=/nonexistent&sslmode=bogus", "invalid sslmode value"),
    ("postgresql://ann:s3cret@[::1/firm", "invalid connection URL"),
    ("postgresql://ann:s3cret@/firm?bogusopt=1", "invalid connection URL"),
    ("sqlite:///tmp/x.db", "not a PostgreSQL URL"),
])
def test_firm_init_without_a_server_or_with_a_bad_url_exits_2(url: str, expected: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["firm", "init", url]) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert "s3cret" not in err and "Traceback" not in err
