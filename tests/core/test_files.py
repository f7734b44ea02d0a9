"""Issue 12 item 5: every output is written atomically (old content kept on failure) and privately."""
from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from core.exchange.crossings_csv import neutralise, read_crossings_csv, restore, write_crossings_csv
from core.files import private_writer, remove_session_temp_dir, session_temp_dir, write_private
from core.records.identity import Applicant, ApplicantId, Crossing, Direction, Passport
from core.services.facade import JuliuService

POSIX = os.name == "posix"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_files_are_0600_and_new_folders_0700(tmp_path: Path):
    old = os.umask(0o022)
    try:
        target = write_private(tmp_path / "new" / "deeper" / "case.json", b"{}")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"{}"
    assert mode(target) == 0o600
    assert mode(tmp_path / "new") == 0o700 and mode(tmp_path / "new" / "deeper") == 0o700


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_an_existing_folder_keeps_its_mode(tmp_path: Path):
    shared = tmp_path / "Documents"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    write_private(shared / "packet.pdf", b"%PDF")
    assert mode(shared) == 0o755 and mode(shared / "packet.pdf") == 0o600


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "deadlines.ics"
    target.write_bytes(b"old and good")
    with pytest.raises(RuntimeError), private_writer(target) as fh:
        fh.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old and good"
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]


def test_formula_text_is_neutralised_on_export_and_restored_on_import(tmp_path: Path):
    crossings = [Crossing(dt.date(2024, 1, 2), Direction.ENTRY, None, "=HYPERLINK(\"x\")", "+1 day"),
                 Crossing(dt.date(2024, 2, 2), Direction.EXIT, None, "@PEK", "-")]
    path = tmp_path / "out.csv"
    write_crossings_csv(crossings, path)
    text = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'+1 day" in text and "'@PEK" in text and ",'-," in text
    assert [(r.crossing.port, r.crossing.note) for r in read_crossings_csv(path)] == [
        ("=HYPERLINK(\"x\")", "+1 day"), ("@PEK", "-")]
    assert neutralise("Beijing") == "Beijing" and restore("'Beijing") == "'Beijing"
    if POSIX:
        assert mode(path) == 0o600


@pytest.mark.sqlite_only("a pragma of the file")
def test_secure_delete_is_on(service: JuliuService):
    assert service._conn.execute("PRAGMA secure_delete").fetchone()[0] == 1  # noqa: SLF001 - the pragma itself


def test_attachment_copies_are_private_and_removed_at_exit(service: JuliuService):
    person = service.save_applicant(Applicant("Li", "Lei"))
    passport = service.save_passport(Passport(ApplicantId(person.id or 0), "E1234567", "GBR", None,
                                              dt.date(2030, 1, 1)))
    scan = service.records.add_attachment("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, passport_id=passport.id)
    copy = service.records.export_attachment(scan)
    assert copy.read_bytes().startswith(b"\x89PNG") and copy.parent == session_temp_dir()
    if POSIX:
        assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    remove_session_temp_dir()
    assert not copy.exists() and not copy.parent.exists()

