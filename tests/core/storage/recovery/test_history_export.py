"""Who changed what: the staff member's name recorded with each change, and the history as CSV (core and CLI)."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from core.records.identity import Applicant
from core.records.model import IncomeYear
from core.services.facade import JuliuService
from core.storage.recovery.history import os_user
from tests.dbfile import scalar

ROOT = Path(__file__).resolve().parents[4]


def _rows(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())  # spreadsheet programs then read the Chinese right
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_each_change_names_the_staff_member_set_in_the_app(service: JuliuService) -> None:
    first = service.save_applicant(Applicant("Wang", "Fang"))
    service.set_staff_name("  Ann Lee 李安 ")
    second = service.save_applicant(dataclasses.replace(first, city="Beijing"))
    service.set_staff_name("")
    service.save_applicant(dataclasses.replace(second, city="Tianjin"))
    default = os_user() if service.url is None else scalar(service, "SELECT session_user")  # a firm's: the role
    assert [e.who for e in service.history(first.id)] == [default, "Ann Lee 李安", default]


def test_the_csv_has_one_line_per_changed_field_with_the_clients_name(service: JuliuService, tmp_path: Path) -> None:
    service.set_staff_name("Ann")
    person = service.save_applicant(Applicant("Wang", "Fang", "王芳"))
    assert person.id is not None
    service.records.save_income(IncomeYear(person.id, 2025, Decimal("300000.50"), Decimal("20000")))
    service.set_staff_name("Bo")
    service.save_applicant(dataclasses.replace(person, chinese_name="王方", city="Beijing"))
    other = service.save_applicant(Applicant("Li", "Lei"))
    assert other.id is not None
    service.delete_applicant(person.id)
    written = service.export_history(tmp_path / "all.csv")
    rows = _rows(tmp_path / "all.csv")
    assert written == len({r["entry"] for r in rows})
    update = [r for r in rows if r["action"] == "update" and r["table"] == "applicant"]
    assert {(r["field"], r["before"], r["after"], r["who"]) for r in update} == {
        ("chinese_name", "王芳", "王方", "Bo"), ("city", "", "Beijing", "Bo")}
    assert {r["client"] for r in rows if r["applicant_id"] == str(person.id)} == {"WANG Fang 王方"}  # deleted since
    wage = [(r["action"], r["before"], r["after"], r["who"]) for r in rows
            if r["table"] == "income_year" and r["field"] == "wage_income"]
    assert wage == [("delete", "300000.50", "", "Bo"), ("insert", "", "300000.50", "Ann")]  # deleted with the client
    assert not any(r["field"] in ("id", "version", "applicant_id") for r in rows)
    one = service.export_history(tmp_path / "one.csv", other.id)
    assert one == 1 and {r["client"] for r in _rows(tmp_path / "one.csv")} == {"LI Lei"}


def test_history_export_from_the_command_line(data_dir: Path, tmp_path: Path) -> None:
    service = JuliuService.open(data_dir, now=dt.datetime(2026, 11, 1, 9, 0))
    try:
        person = service.save_applicant(Applicant("Chen", "Jie"))
    finally:
        service.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "history", "export", *args],
                              cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)

    done = run(str(tmp_path / "h.csv"), "--applicant", str(person.id))
    assert done.returncode == 0, done.stderr
    assert "1" in done.stdout and _rows(tmp_path / "h.csv")[0]["client"] == "CHEN Jie"
    bad = run(str(tmp_path / "x.csv"), "--applicant", "999")
    assert bad.returncode == 2 and "--applicant" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "x.csv").exists()
