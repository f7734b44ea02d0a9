"""The CLI contract: JSON shapes, exit statuses, errors on stderr naming file and line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from core.records.identity import Applicant
from tests.conftest import TODAY
from tests.dbfile import open_as_cli

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parsed = cli.parse(argv)
    code = parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_presence_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "c.csv"
    path.write_text("date,direction,time\n2021-03-05,exit,18:00\n2021-03-01,entry,10:00\n2023-01-10,入境,\n",
                    encoding="utf-8")
    code, out, err = run(["presence", str(path), "--as-of", "2023-01-31", "--json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)  # issue 3 adds "absences" and "tax_years" (and "rolling") after these keys
    assert {k: data[k] for k in ("as_of", "years")} == {"as_of": "2023-01-31", "years": [
        {"year": 2021, "calendar_days": 5, "full_days": 3},
        {"year": 2022, "calendar_days": 0, "full_days": 0},
        {"year": 2023, "calendar_days": 22, "full_days": 21}]}


def test_presence_as_of_defaults_to_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "c.csv"
    path.write_text("date,direction\n2026-11-01,entry\n", encoding="utf-8")
    code, out, _err = run(["presence", str(path), "--json"], capsys)
    assert code == 0 and json.loads(out)["as_of"] == TODAY.isoformat()
    assert json.loads(out)["years"] == [{"year": 2026, "calendar_days": 22, "full_days": 21}]


def test_presence_table_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "c.csv"
    path.write_text("date,direction\n2021-03-01,entry\n2021-03-05,exit\n", encoding="utf-8")
    code, out, _err = run(["presence", str(path), "--as-of", "2021-12-31"], capsys)
    assert code == 0
    assert "2021  5              3" in out


@pytest.mark.parametrize("body,expected", [
    ("date,direction\n2021-02-30,entry\n", ":2: Date (local China date): not a real date"),
    ("date,direction\n2021-02-01,in\n", ":2: Direction:"),
    ("date,direction,time\n2021-02-01,entry,9.30\n", ":2: Time:"),
    ("date,port\n2021-02-01,PEK\n", ":1: Direction: the header has no column 'direction'"),
    ("date,direction\n2021-02-01,entry\n2021-03-01,entry\n", ":3: Direction: two entry crossings in a row"),
])
def test_presence_bad_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, expected: str):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    code, out, err = run(["presence", str(path), "--json"], capsys)
    assert code == 2 and out == ""
    assert f"{path}{expected}" in err


def test_bad_as_of_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    code, out, err = run(["presence", str(tmp_path / "x.csv"), "--as-of", "2021-13-01"], capsys)
    assert code == 2 and out == "" and "YYYY-MM-DD" in err


def test_case_list_json(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    svc = open_as_cli(data_dir)
    svc.save_applicant(Applicant("Wang", "Xiaoming", "王小明", nationality="SGP", city="Beijing"))
    svc.close()
    code, out, _err = run(["--data-dir", str(data_dir), "case", "list", "--json"], capsys)
    assert code == 0
    (entry,) = json.loads(out)["applicants"]
    assert entry["chinese_name"] == "王小明" and entry["family_name"] == "Wang" and entry["id"] == 1


def test_main_py_as_a_process(tmp_path: Path):
    """The real entry point, through the environment variable for the data folder."""
    env = {"JULIU_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "case", "list", "--json"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"applicants": []}
    assert (tmp_path / "juliu.sqlite3").exists()
