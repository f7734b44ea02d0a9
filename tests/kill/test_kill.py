"""Kill tests (issue 12 item 7): crossings imports and case imports SIGKILLed mid-write leave an intact database
holding all of the import or none of it. A few trials here; `make kill` runs 100 per scenario."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.inputs import crossings_csv
from tests.kill.harness import ROOT, KillReport, Scenario, kill_trials

TRIALS = int(os.environ.get("JULIU_KILL_TRIALS", "2"))
REPORTS: list[KillReport] = []

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _with_applicant(folder: Path) -> None:
    seed = folder / "seed.json"
    seed.write_text(json.dumps({"schema": "juliu.case/1", "principal": {"key": "p", "family_name": "Kill"}}))
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(folder), "case", "import", str(seed)],
                   cwd=ROOT, check=True, capture_output=True)


def _crossings_prepare(folder: Path) -> None:
    _with_applicant(folder)
    (folder / "many.csv").write_text(crossings_csv(6000, 1901), encoding="utf-8")


def _case_prepare(folder: Path) -> None:
    _with_applicant(folder)
    scan = b"%PDF-1.4\n" + os.urandom(12 * 1024 * 1024)  # a large scan, so the write takes a while
    case = {"schema": "juliu.case/1", "principal": {"key": "p", "family_name": "Big"},
            "passports": [{"key": "x", "person": "p", "number": "E7654321", "expiry_date": "2030-01-01"}],
            "crossings": [{"person": "p", "date": f"{2000 + n // 2}-0{1 + 6 * (n % 2)}-01",
                           "direction": "entry" if n % 2 == 0 else "exit"} for n in range(40)],
            "attachments": [{"owner": "x", "name": "scan.pdf", "media_type": "application/pdf", "size": len(scan),
                             "sha256": hashlib.sha256(scan).hexdigest(),
                             "data": base64.b64encode(scan).decode("ascii")}]}
    (folder / "big.json").write_text(json.dumps(case), encoding="utf-8")


def _counts(conn: sqlite3.Connection) -> tuple[int, ...]:
    return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("applicant", "passport", "crossing", "attachment"))


SCENARIOS = [
    Scenario("crossings import", _crossings_prepare,
             lambda f: ["crossings", "import", "--applicant", "1", str(f / "many.csv")], _counts),
    Scenario("case import", _case_prepare, lambda f: ["case", "import", str(f / "big.json")], _counts),
]


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_a_kill_mid_write_leaves_all_or_nothing(tmp_path: Path, scenario: Scenario):
    report = kill_trials(scenario, tmp_path, TRIALS)
    REPORTS.append(report)
    print(report.line())  # shown with -s (make kill)
    assert report.counts["corruptions"] == 0 and report.counts["partial"] == 0, report.problems
