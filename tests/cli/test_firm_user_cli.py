"""`firm user add|list|role|remove` on a real server, and a viewer's save refused on the command line (exit 2)."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import psycopg
import pytest

import cli
from tests.conftest import TODAY
from tests.pg_staff import as_user, staff_fixture  # noqa: F401  (the fixture)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cases" / "shanghai-family.json"


def run(argv: list[str]) -> int:
    parsed = cli.parse(argv)
    return parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)


@pytest.fixture
def newcomer(pg_store_url: str) -> object:
    name = f"newcomer_{os.getpid()}"
    yield name
    with psycopg.connect(pg_store_url, autocommit=True) as conn:
        conn.execute(f'DROP ROLE IF EXISTS "{name}"'.encode())


def _list(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    capsys.readouterr()
    assert run(["firm", "user", "list", url, "--json"]) == 0
    return {m["username"]: m["role"] for m in json.loads(capsys.readouterr().out)}


def test_an_administrator_adds_changes_and_removes_staff(staff: dict[str, str], newcomer: str, pg_store_url: str,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    admin = staff["administrator"]
    monkeypatch.setattr("sys.stdin", io.StringIO("a long secret 42\n"))
    assert run(["firm", "user", "add", admin, newcomer, "--role", "viewer"]) == 0
    assert f"{newcomer} added as viewer" in capsys.readouterr().out
    assert _list(admin, capsys)[newcomer] == "viewer"
    with psycopg.connect(pg_store_url) as conn:  # a SCRAM verifier on the server, never the password itself
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (newcomer,)).fetchone()
    assert stored is not None and str(stored[0]).startswith("SCRAM-SHA-256$") and "a long secret" not in stored[0]
    assert run(["firm", "user", "role", admin, newcomer, "consultant"]) == 0
    assert _list(admin, capsys)[newcomer] == "consultant"
    assert run(["firm", "user", "role", admin, newcomer, "administrator"]) == 0
    assert run(["firm", "user", "role", admin, newcomer, "viewer"]) == 0  # back down: no admin rights left
    assert _list(admin, capsys)[newcomer] == "viewer"
    with psycopg.connect(as_user(pg_store_url, newcomer), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE ROLE juliu_test_x")
    assert run(["firm", "user", "remove", admin, newcomer]) == 0
    assert newcomer not in _list(admin, capsys)


def test_a_consultant_or_viewer_cannot_manage_staff(staff: dict[str, str], newcomer: str,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for role in ("consultant", "viewer"):
        monkeypatch.setattr("sys.stdin", io.StringIO("a long secret 42\n"))
        capsys.readouterr()
        assert run(["firm", "user", "add", staff[role], newcomer, "--role", "administrator"]) == 2
        err = capsys.readouterr().err
        assert f"Only an administrator can manage the staff of this firm database (your role: {role})" in err
        assert "Traceback" not in err
        assert run(["firm", "user", "list", staff[role]]) == 2
    assert newcomer not in _list(staff["administrator"], capsys)


def test_bad_requests_exit_2_and_change_nothing(staff: dict[str, str], newcomer: str,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    admin = staff["administrator"]
    before = _list(admin, capsys)
    cases = [(["add", admin, "Bad Name", "--role", "viewer"], "a username is"),
             (["add", admin, newcomer, "--role", "viewer"], "at least 8 characters"),  # stdin: "short"
             (["add", admin, "postgres", "--role", "viewer"], "already exists"),
             (["role", admin, "postgres", "viewer"], "not a member of staff"),
             (["remove", admin, "juliu_viewer"], "not a member of staff"),
             (["remove", admin, admin.split("user=")[1].split("&")[0]], "cannot remove yourself")]
    for argv, expected in cases:
        monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
        capsys.readouterr()
        assert run(["firm", "user", *argv]) == 2, argv
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err, (argv, err)
    assert _list(admin, capsys) == before


def test_a_viewer_saving_on_the_command_line_exits_2_with_the_reason(staff: dict[str, str],
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(["--database", staff["viewer"], "case", "import", str(EXAMPLE)]) == 2
    err = capsys.readouterr().err
    assert "You can read but not change clients in this firm database (role viewer)" in err
    assert "Traceback" not in err
    assert run(["--database", staff["consultant"], "case", "import", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert run(["--database", staff["viewer"], "case", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["applicants"]) == 3
