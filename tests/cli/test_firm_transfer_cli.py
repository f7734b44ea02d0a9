"""`firm migrate-from-file FILE URL` and `firm export URL FILE` (issue 13) on a real server: the example cases go
SQLite -> firm database -> SQLite and every table comes back equal, ids and history chain included; each row count
and each scan's SHA-256 is compared on the way. Refusals (a firm database that is not empty, a file that exists, a
bad URL or no server, a wrong passphrase, a scan whose bytes no longer match) exit 2 and write nothing."""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import psycopg
import pytest

import cli
from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.storage.sqlite.cipher import raw_connect
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id

LOGS_ON_SERVER_ONLY = {"juliu_schema"}


def run(argv: list[str]) -> int:
    parsed = cli.parse(argv)
    return parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)


def _file_dump(path: Path, passphrase: str | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Every table of a store file, every column (ids, versions, history and its hashes, scans' bytes)."""
    conn = raw_connect(path, passphrase)
    try:
        tables = [str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if not str(r[0]).startswith("sqlite_")]
        return {t: sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{t}"')), key=repr) for t in sorted(tables)}
    finally:
        conn.close()


def _server_dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    with psycopg.connect(url) as conn:
        tables = [str(r[0]) for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = 'BASE TABLE'")]
        return {t: sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{t}"'.encode())), key=repr)
                for t in sorted(set(tables) - LOGS_ON_SERVER_ONLY)}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """An individual's store with the example cases, a deletion in the recycle bin and a setting changed."""
    data = tmp_path / "mine"
    data.mkdir()
    service = JuliuService.open(data, daily_backup=False)
    try:
        import_cases(service)
        doomed = service.save_applicant(Applicant("Gone", "Soon"))
        assert doomed.id is not None
        service.delete_applicant(doomed.id, doomed.version)
        tan = person_id(service, "陈伟明")
        service.save_applicant(dataclasses.replace(service.get_applicant(tan), city="Suzhou"))
    finally:
        service.close()
    return data / "juliu.sqlite3"


@pytest.mark.sqlite_only("moves a SQLite file into a database of its own")
def test_round_trip_file_to_firm_to_file_gives_back_every_row(store: Path, pg_url: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    original = _file_dump(store)
    assert original["attachment"] and original["recycle_bin"] and len(original["history"]) > 100
    assert run(["firm", "init", pg_url]) == 0
    capsys.readouterr()
    assert run(["firm", "migrate-from-file", str(store.parent), pg_url]) == 0
    out = capsys.readouterr().out
    clients = len(original["applicant"])
    assert f"{clients} clients" in out and f"applicant {clients:>8} -> {clients:>8}".replace(" ", "") in \
        out.replace(" ", "")
    assert f"Scans: {len(original['attachment'])}" in out and "SHA-256" in out
    assert f"History: {len(original['history'])} entries" in out
    # On the server: the same rows, the same ids, the same history chain, which new entries continue.
    on_server = _server_dump(pg_url)
    assert {t: len(r) for t, r in on_server.items()} == {t: len(r) for t, r in original.items()}
    assert on_server["history"] == original["history"]
    assert sorted(r[0] for r in on_server["applicant"]) == sorted(r[0] for r in original["applicant"])
    firm = JuliuService.open_url(pg_url)
    try:
        assert firm.verify_history().intact
        added = firm.save_applicant(Applicant("New", "Client"))
        assert added.id is not None and added.id > max(int(str(r[0])) for r in original["applicant"])
        assert firm.verify_history().intact and firm.verify_history().entries > len(original["history"])
        firm.delete_applicant(added.id, added.version)
    finally:
        firm.close()
    # Back to a new file: everything the original had, and what the server logged since (the client added and
    # deleted there: two history entries, one recycle-bin item).
    exported = tmp_path / "back" / "juliu.sqlite3"
    assert run(["firm", "export", pg_url, str(exported)]) == 0
    assert "SHA-256" in capsys.readouterr().out
    back = _file_dump(exported)
    logs = ("history", "recycle_bin")
    assert {t: r for t, r in back.items() if t not in logs} == {t: r for t, r in original.items() if t not in logs}
    for log, added_since in (("history", 2), ("recycle_bin", 1)):
        assert set(original[log]) <= set(back[log]) and len(back[log]) == len(original[log]) + added_since
    assert exported.stat().st_mode & 0o777 == 0o600 and not exported.with_name("juliu.sqlite3.partial").exists()
    service = JuliuService.open(exported.parent, daily_backup=False)
    try:
        assert service.verify_history().intact and len(service.list_applicants()) == clients
    finally:
        service.close()
    # Never over an existing file.
    before = exported.read_bytes()
    assert run(["firm", "export", pg_url, str(exported)]) == 2
    assert "already exists" in capsys.readouterr().err and exported.read_bytes() == before


@pytest.mark.sqlite_only("moves a SQLite file into a database of its own")
def test_a_firm_database_that_is_not_empty_or_not_initialised_is_refused(
        store: Path, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["firm", "migrate-from-file", str(store), pg_url]) == 2
    assert "firm init" in capsys.readouterr().err
    assert run(["firm", "init", pg_url]) == 0
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO applicant (family_name) VALUES ('Colleague')")
    before = _server_dump(pg_url)
    capsys.readouterr()
    assert run(["firm", "migrate-from-file", str(store), pg_url]) == 2
    err = capsys.readouterr().err
    assert "already holds records (1 clients" in err and "nothing was written" in err and "Traceback" not in err
    assert _server_dump(pg_url) == before


@pytest.mark.sqlite_only("moves a SQLite file into a database of its own")
def test_a_scan_whose_bytes_no_longer_match_its_hash_stops_the_move(
        store: Path, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(store)
    conn.execute("UPDATE attachment SET data = zeroblob(length(data)) WHERE id = (SELECT min(id) FROM attachment)")
    conn.commit()
    conn.close()
    assert run(["firm", "init", pg_url]) == 0
    capsys.readouterr()
    assert run(["firm", "migrate-from-file", str(store), pg_url]) == 2
    assert "SHA-256" in capsys.readouterr().err
    with psycopg.connect(pg_url) as server:
        assert server.execute("SELECT count(*) FROM applicant").fetchone() == (0,)
        assert server.execute("SELECT count(*) FROM history").fetchone() == (0,)


@pytest.mark.sqlite_only("moves a SQLite file into a database of its own")
def test_an_encrypted_store_moves_with_its_passphrase_and_not_without(
        store: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("correct horse battery\n")
    assert run(["--data-dir", str(store.parent), "--passphrase-file", str(secret), "encrypt"]) == 0
    original = _file_dump(store, "correct horse battery")
    assert run(["firm", "init", pg_url]) == 0
    capsys.readouterr()
    monkeypatch.setenv("JULIU_PASSPHRASE", "wrong wrong wrong")
    assert run(["firm", "migrate-from-file", str(store), pg_url]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    monkeypatch.delenv("JULIU_PASSPHRASE")
    assert run(["firm", "migrate-from-file", str(store), pg_url]) == 2  # no terminal to ask at: refused
    assert "passphrase" in capsys.readouterr().err
    with psycopg.connect(pg_url) as server:
        assert server.execute("SELECT count(*) FROM applicant").fetchone() == (0,)
    assert run(["--passphrase-file", str(secret), "firm", "migrate-from-file", str(store), pg_url]) == 0
    assert {t: len(r) for t, r in _server_dump(pg_url).items()} == {t: len(r) for t, r in original.items()}


@pytest.mark.parametrize(("url", "expected"), [
    ("postgresql://ann:s3cret@/firm?host=/nonexistent-juliu-socket-dir&port=5", "cannot reach the firm database"),
    ("postgresql://ann:s3cret@[::1/firm", "invalid connection URL"),
    ("mysql://ann:s3cret@host/firm", "not a PostgreSQL URL"),
])
def test_no_server_or_a_bad_url_exits_2_and_writes_nothing(url: str, expected: str, store: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["firm", "migrate-from-file", str(store), url]) == 2
    err = capsys.readouterr().err
    assert expected in err and "s3cret" not in err and "Traceback" not in err
    target = tmp_path / "out.sqlite3"
    assert run(["firm", "export", url, str(target)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "s3cret" not in err and "Traceback" not in err
    assert not target.exists() and not list(tmp_path.glob("*.partial"))
