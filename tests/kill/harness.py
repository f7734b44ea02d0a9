"""SIGKILL a Juliu command at a random moment and check what is left: a reusable harness for crash tests.

A scenario says how to prepare a data folder (`prepare`), which command to run on it (`argv`) and how to read the
state that must be all-or-nothing (`state`). The harness times one undisturbed run, then for each trial copies the
prepared folder, starts the command, kills it after a random fraction of that time, and checks that SQLite's
integrity_check says ok and that the state is either the one before or the one after the command, never between.
Other scenarios (backups, encryption) plug in the same way.
"""
from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "juliu.sqlite3"


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[Path], None]  # fills an empty data folder (database and input files)
    argv: Callable[[Path], list[str]]  # the command's arguments after `main.py --data-dir FOLDER`
    state: Callable[[sqlite3.Connection], object]  # what must be all-or-nothing, read from the database


@dataclass
class KillReport:
    scenario: str
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        keys = ("trials", "kills", "finished first", "before", "after", "corruptions", "partial")
        return f"{self.scenario}: " + ", ".join(f"{k} {self.counts.get(k, 0)}" for k in keys)


def _run(folder: Path, scenario: Scenario) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir", str(folder),
                             *scenario.argv(folder)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def read_state(folder: Path, scenario: Scenario) -> tuple[str, object]:
    """(integrity_check's answer, the scenario's state) of the database in `folder`, opened read-write as the app
    would (so a hot journal or WAL is recovered first)."""
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        check = ",".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
        return check, scenario.state(conn)
    finally:
        conn.close()


def kill_trials(scenario: Scenario, workdir: Path, trials: int, seed: int = 12) -> KillReport:
    rng = random.Random(seed)
    report = KillReport(scenario.name)
    template = workdir / "template"
    template.mkdir(parents=True)
    scenario.prepare(template)
    _check, before = read_state(template, scenario)
    calibration = workdir / "calibration"
    shutil.copytree(template, calibration)
    started = time.monotonic()
    proc = _run(calibration, scenario)
    _out, err = proc.communicate(timeout=300)
    duration = time.monotonic() - started
    if proc.returncode != 0:
        raise AssertionError(f"{scenario.name}: the undisturbed run failed: {err.decode()[-500:]}")
    _check, after = read_state(calibration, scenario)
    if after == before:
        raise AssertionError(f"{scenario.name}: the command changed nothing, so a kill proves nothing")
    for n in range(trials):
        folder = workdir / f"trial-{n}"
        shutil.copytree(template, folder)
        proc = _run(folder, scenario)
        time.sleep(rng.uniform(0.2, 1.0) * duration)  # start-up is ~0.3 s of imports: aim at the work
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        report.counts["trials"] += 1
        report.counts["kills" if proc.returncode == -signal.SIGKILL else "finished first"] += 1
        check, state = read_state(folder, scenario)
        if check != "ok":
            report.counts["corruptions"] += 1
            report.problems.append(f"trial {n}: integrity_check {check[:200]}")
        if state == before:
            report.counts["before"] += 1
        elif state == after:
            report.counts["after"] += 1
        else:
            report.counts["partial"] += 1
            report.problems.append(f"trial {n}: state {state!r} is neither {before!r} nor {after!r}")
        shutil.rmtree(folder, ignore_errors=True)
    return report
