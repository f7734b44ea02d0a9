"""`backup FILE`: a consistent copy that opens as a Juliu database with the same records; never overwrites."""
from __future__ import annotations

from pathlib import Path

import pytest

import cli
from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.storage.repositories.repositories import ApplicantRepository
from core.storage.sqlite.db import open_database
from tests.conftest import TODAY

pytestmark = pytest.mark.sqlite_only("backups of the file")


def run(argv: list[str]) -> int:
    parsed = cli.parse(argv)
    return parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)


def test_backup_copies_records_and_refuses_to_overwrite(data_dir: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]):
    svc = JuliuService.open(data_dir)
    svc.save_applicant(Applicant("Wang", "Xiaoming", "王小明"))
    svc.close()
    target = tmp_path / "copy.sqlite3"
    assert run(["--data-dir", str(data_dir), "backup", str(target)]) == 0
    conn = open_database(target)
    assert [a.chinese_name for a in ApplicantRepository(conn).list()] == ["王小明"]
    conn.close()
    before = target.read_bytes()
    capsys.readouterr()
    assert run(["--data-dir", str(data_dir), "backup", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == before
