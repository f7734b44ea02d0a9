"""Issue 12 item 6: every CLI argument is range-checked (exit 2, no traceback), write failures are exit 2 naming
the file, and output into a closed pipe ends quietly."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from core.records.identity import Applicant, ApplicantId, Passport
from tests.dbfile import open_as_cli

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args,fragment", [
    (["case", "export", "99999999999999999999", "x.json"], "expected an id from 1 to"),
    (["case", "export", "0", "x.json"], "expected an id from 1 to"),
    (["check", "--applicant", "-5"], "expected an id"),
    (["crossings", "import", "--applicant", "1e9", "x.csv"], "expected an id"),
    (["deadlines", "--as-of", "9999-12-31"], "outside the accepted range"),
    (["deadlines", "--as-of", "0001-01-01"], "outside the accepted range"),
    (["deadlines", "--within", "99999999999999"], "from 0 to 36500"),
    (["points", "--applicant", "1", "--as-of", "2023-02-30"], "YYYY-MM-DD"),
    (["packet", "--applicant", "1", "--kind", "x", "--out", "x.pdf", "--months", "100000"], "from 1 to 120"),
    (["presence", "x.csv", "--window-end", "2025-01-01", "--windows", "1000000000"], "from 1 to 50"),
])
def test_out_of_range_arguments_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                       fragment: str):
    code, out, err = run(["--data-dir", str(tmp_path), *args], capsys)
    assert code == 2 and fragment in err and "Traceback" not in err


def test_a_write_that_fails_is_exit_2_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "taken").mkdir()
    code, _out, err = run(["--data-dir", str(tmp_path), "deadlines", "--ics", str(tmp_path / "taken")], capsys)
    assert code == 2 and "taken" in err and "Traceback" not in err


def test_closed_pipe_ends_quietly(tmp_path: Path):
    service = open_as_cli(tmp_path)
    try:
        for n in range(800):  # more JSON than a pipe buffers (64 KiB), so the write meets the closed end
            service.store.applicants.add(Applicant(f"Family{n}", "Given Names", "李四", None, None, "GBR", "Beijing"))
    finally:
        service.close()
    env = {**os.environ, "JULIU_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "main.py", "case", "list", "--json"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(1)
    proc.stdout.close()  # the reader goes away, as `| head -c1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 141 and first == b"{"
    assert err == ""


def test_a_far_date_stored_by_an_older_version_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    service = open_as_cli(tmp_path)
    try:
        person = service.store.applicants.add(Applicant("Old", "Data"))
        service.store.passports.add(Passport(ApplicantId(person.id or 0), "E1", "GBR", None, dt.date(9999, 12, 31)))
    finally:
        service.close()
    code, _out, err = run(["--data-dir", str(tmp_path), "deadlines", "--ics", str(tmp_path / "d.ics")], capsys)
    assert code in (0, 2) and "Traceback" not in err


@pytest.mark.parametrize("content", ["[" * 1000, '{"year": ' + "9" * 4301 + "}", "\x00\xff[[", '{"a": NaN}'])
@pytest.mark.parametrize("argv", [["check", "--facts", "{F}"], ["points", "--facts", "{F}"],
                                  ["packet", "--content", "{F}", "--out", "{O}"],
                                  ["packet", "--fill-form", "{F}", "--mapping", "{F}", "--values", "{F}",
                                   "--out", "{O}"],
                                  ["check", "--facts", "{F}", "--setting",
                                   "work_days_partial_day_weight=" + "[" * 1000]])
def test_every_json_input_is_exit_2_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    content: str, argv: list[str]):
    path = tmp_path / "hostile.json"
    path.write_bytes(content.encode("latin-1") if "\xff" in content else content.encode())
    args = [a.replace("{F}", str(path)).replace("{O}", str(tmp_path / "o.pdf")) for a in argv]
    code, _out, err = run(["--data-dir", str(tmp_path), *args], capsys)
    assert code == 2 and "Traceback" not in err
    assert "hostile.json" in err or "--setting" in err
