"""Encryption at rest, rotating backups and restore through the CLI, end to end on real files."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import cli
from core.storage.sqlite.db import DB_FILENAME
from tests.conftest import TODAY

pytestmark = pytest.mark.sqlite_only("encryption, backups and restores of the file")

CASE = Path(__file__).parents[2] / "examples" / "cases" / "beijing-6x-professional.json"
PASSPORT = b"K4418207Q"  # the passport number in that case file


def run(argv: list[str]) -> int:
    parsed = cli.parse(argv)
    return parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("JULIU_PASSPHRASE", "JULIU_PASSPHRASE_FILE", "JULIU_NEW_PASSPHRASE_FILE"):
        monkeypatch.delenv(name, raising=False)
    assert run(["--data-dir", str(data_dir), "case", "import", str(CASE)]) == 0
    assert run(["--data-dir", str(data_dir), "backup"]) == 0
    return data_dir / DB_FILENAME


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_encrypted_store_and_backups_hold_no_passport_number(store: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]):
    data = store.parent
    assert PASSPORT in store.read_bytes()  # plain before
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery\n", encoding="utf-8")
    assert run(["--data-dir", str(data), "--passphrase-file", str(secret), "encrypt"]) == 0
    assert run(["--data-dir", str(data), "--passphrase-file", str(secret), "backup"]) == 0
    files = _files(data)
    assert any(name.startswith("backups/") for name in files) and len(files) >= 3
    for name, content in files.items():
        assert PASSPORT not in content, name
        assert "陈伟明".encode() not in content, name
    capsys.readouterr()
    assert run(["--data-dir", str(data), "--passphrase-file", str(secret), "case", "list", "--json"]) == 0
    assert "陈伟明" in capsys.readouterr().out


def test_wrong_or_missing_passphrase_exits_2_and_writes_nothing(store: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch):
    data = store.parent
    monkeypatch.setenv("JULIU_PASSPHRASE", "right passphrase")
    assert run(["--data-dir", str(data), "encrypt"]) == 0
    before = _files(data)
    monkeypatch.setenv("JULIU_PASSPHRASE", "wrong passphrase")
    capsys.readouterr()
    assert run(["--data-dir", str(data), "case", "list"]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    monkeypatch.delenv("JULIU_PASSPHRASE")
    assert run(["--data-dir", str(data), "case", "list"]) == 2
    assert "encrypted" in capsys.readouterr().err
    assert _files(data) == before
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope nope\n")
    monkeypatch.setenv("JULIU_PASSPHRASE_FILE", str(wrong))
    assert run(["--data-dir", str(data), "decrypt"]) == 2
    assert _files(data) == before


def test_passphrase_change_and_decrypt_follow_the_backups(store: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    data = store.parent
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("first passphrase")
    new.write_text("second passphrase")
    assert run(["--data-dir", str(data), "--passphrase-file", str(old), "encrypt"]) == 0
    assert run(["--data-dir", str(data), "--passphrase-file", str(old), "passphrase", "change",
                "--new-passphrase-file", str(new)]) == 0
    assert run(["--data-dir", str(data), "--passphrase-file", str(old), "case", "list"]) == 2
    assert run(["--data-dir", str(data), "--passphrase-file", str(new), "case", "list"]) == 0
    backup = sorted((data / "backups").glob("*.sqlite3"))[0]
    assert run(["--data-dir", str(data), "--passphrase-file", str(new), "backup", "verify", str(backup)]) == 0
    assert run(["--data-dir", str(data), "--passphrase-file", str(new), "decrypt"]) == 0
    assert PASSPORT in store.read_bytes()
    assert run(["--data-dir", str(data), "backup", "verify", str(backup)]) == 0
    assert not list(data.rglob("*.partial"))


def test_restore_end_to_end_keeps_the_current_store_first(store: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]):
    data = store.parent
    capsys.readouterr()
    assert run(["--data-dir", str(data), "backup", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["backups"]
    good = Path(listed[0]["path"])
    assert run(["--data-dir", str(data), "case", "import", str(CASE),  # a second family after the backup
                "--keep-duplicates"]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(data), "case", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["applicants"]) == 2
    assert run(["--data-dir", str(data), "backup", "verify", str(good)]) == 0
    assert run(["--data-dir", str(data), "restore", str(good)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out
    assert run(["--data-dir", str(data), "case", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["applicants"]) == 1
    kept = [b for b in (data / "backups").glob("*-before-restore.sqlite3")]
    assert len(kept) == 1
    assert run(["--data-dir", str(data), "restore", str(kept[0])]) == 0  # and back again
    capsys.readouterr()
    assert run(["--data-dir", str(data), "case", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["applicants"]) == 2


def test_restore_refuses_a_bad_file_and_changes_nothing(store: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]):
    data = store.parent
    bad = tmp_path / "bad.sqlite3"
    good = sorted((data / "backups").glob("*.sqlite3"))[0]
    shutil.copy(good, bad)
    with bad.open("r+b") as f:
        f.seek(4096)
        f.write(b"\xa5" * 4096)
    before = _files(data)
    capsys.readouterr()
    assert run(["--data-dir", str(data), "backup", "verify", str(bad)]) == 2
    assert run(["--data-dir", str(data), "restore", str(bad)]) == 2
    assert "cannot restore" in capsys.readouterr().err
    assert _files(data) == before
    partial = tmp_path / "x.sqlite3.partial"
    shutil.copy(good, partial)
    assert run(["--data-dir", str(data), "restore", str(partial)]) == 2
    assert _files(data) == before


def test_case_export_encrypt_and_import(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]):
    data = store.parent
    out = tmp_path / "case.json.enc"
    monkeypatch.setenv("JULIU_PASSPHRASE", "hand-over passphrase")
    assert run(["--data-dir", str(data), "case", "export", "1", str(out), "--encrypt"]) == 0
    content = out.read_bytes()
    assert content.startswith(b"JULIUENC") and PASSPORT not in content and "陈伟明".encode() not in content
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("JULIU_PASSPHRASE", "not the passphrase")
    capsys.readouterr()
    assert run(["--data-dir", str(other), "case", "import", str(out)]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    tampered = tmp_path / "tampered.enc"
    tampered.write_bytes(content[:-5] + bytes([content[-5] ^ 1]) + content[-4:])
    monkeypatch.setenv("JULIU_PASSPHRASE", "hand-over passphrase")
    assert run(["--data-dir", str(other), "case", "import", str(tampered)]) == 2
    assert run(["--data-dir", str(other), "case", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["applicants"] == []
    assert run(["--data-dir", str(other), "case", "import", str(out)]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(other), "case", "list", "--json"]) == 0
    assert [a["chinese_name"] for a in json.loads(capsys.readouterr().out)["applicants"]] == ["陈伟明"]


def test_history_verify_on_the_cli(store: Path, capsys: pytest.CaptureFixture[str]):
    data = store.parent
    capsys.readouterr()
    assert run(["--data-dir", str(data), "history", "verify", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["intact"] and report["entries"] > 5
    import sqlite3  # noqa: PLC0415 (looking at the file from the side, as a tamperer would)

    conn = sqlite3.connect(store)
    conn.execute("UPDATE history SET who = 'mallory' WHERE id = 2")
    conn.commit()
    conn.close()
    assert run(["--data-dir", str(data), "history", "verify"]) == 2
    assert "entry 2" in capsys.readouterr().err
