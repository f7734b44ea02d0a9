"""The firm-start benchmark's window script (bench/firm/run.py JULIU_WINDOW) runs as the bench runs it: a whole
process that opens the store as the window does, paints once and quits, cleanly and without waiting for the
background work it started (issue 15)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.firm.generate import generate
from bench.firm.run import JULIU_WINDOW, ROOT
from tests.conftest import TODAY


def test_the_start_script_quits_right_after_the_first_paint(tmp_path: Path) -> None:
    generate(tmp_path / "firm", 60, seed=2, as_of=TODAY)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", JULIU_WINDOW, str(tmp_path / "firm")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    problems = [line for line in done.stderr.splitlines() if "propagateSizeHints" not in line]
    assert problems == [], "\n".join(problems)  # no "Signal source has been deleted", no traceback
    assert time.perf_counter() - started < 60
