"""Reaching the firm database from a laptop: the URL settings keep (no password), the pgpass file, a test
connection against the real PostgreSQL test server (skipped with a message when none is configured)."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict

from core.storage.pg.firm_login import FirmLogin, pgpass_path, save_password, try_connection
from core.storage.sqlite.health import StorageError


def test_the_url_has_everything_but_the_password_and_reads_back() -> None:
    login = FirmLogin("db.office.lan", 5433, "juliu firm", "ann", sslmode="verify-full", sslrootcert="/etc/ca.crt")
    url = login.url()
    assert url == ("postgresql://ann@db.office.lan:5433/juliu%20firm?sslmode=verify-full&"
                   "sslrootcert=%2Fetc%2Fca.crt")
    assert FirmLogin.from_url(url) == login
    parts = conninfo_to_dict(url)
    assert (parts["host"], parts["dbname"], parts["sslmode"]) == ("db.office.lan", "juliu firm", "verify-full")
    assert FirmLogin.from_url(FirmLogin(service="office").url()) == FirmLogin(service="office")
    socket = FirmLogin("/run/postgresql", 5432, "juliu", "ann")
    assert FirmLogin.from_url(socket.url()) == socket and conninfo_to_dict(socket.url())["host"] == "/run/postgresql"
    assert FirmLogin.from_url("not a url [") == FirmLogin() == FirmLogin.from_url("postgresql://[::1")


def test_what_is_missing_is_named_by_field(tmp_path: Path) -> None:
    assert {f for f, _m in FirmLogin().problems()} == {"host", "database", "user"}
    assert FirmLogin(service="office").problems() == []
    assert [f for f, _m in FirmLogin("h", 0, "d", "u").problems()] == ["port"]
    assert [f for f, _m in FirmLogin("h", 5432, "d", "u", sslmode="verify-ca").problems()] == ["sslrootcert"]
    missing = FirmLogin("h", 5432, "d", "u", sslrootcert=str(tmp_path / "none.crt")).problems()
    assert missing == [("sslrootcert", "no such file")]


def test_the_password_goes_to_the_pgpass_file_readable_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "pgpass"
    path.write_text("other:5432:db:bob:secret\ndb.lan:5432:juliu:ann:old\n", encoding="utf-8")
    save_password(path, FirmLogin("db.lan", 5432, "juliu", "ann"), "n:ew\\pw")
    assert path.read_text(encoding="utf-8").splitlines() == ["other:5432:db:bob:secret",
                                                              "db.lan:5432:juliu:ann:n\\:ew\\\\pw"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(StorageError):
        save_password(path, FirmLogin(service="office"), "pw")
    assert pgpass_path({"PGPASSFILE": "/x/p"}) == Path("/x/p")


def test_a_test_connection_reaches_the_real_server_or_says_why_not(pg_url: str) -> None:
    parts = conninfo_to_dict(pg_url)
    login = FirmLogin(str(parts["host"]), int(str(parts.get("port") or 5432)), str(parts["dbname"]),
                      str(parts.get("user") or "postgres"), sslmode="disable")
    assert try_connection(login).split(".")[0].isdigit()
    wrong = FirmLogin(login.host, login.port, "no_such_database_here", login.user, sslmode="disable")
    with pytest.raises(StorageError, match="cannot reach the firm database") as caught:
        try_connection(wrong, "s3cret-pw")
    assert "s3cret-pw" not in str(caught.value) and "no_such_database_here" in str(caught.value)
