"""Firm-scale benchmarks, measured as ratios in one run (issue 15; bench/firm/README.md records the figures).

    .venv/bin/python -m bench.firm.run [--clients 10000] [--small 500] [--work DIR]

Generates (or reuses) stores of 1, --small and --clients clients under --work, then measures in fresh processes:
start-up against a bare PySide6 window and against `python -c 'import sqlite3, json, argparse'`, the window at
scale (start to usable, filter per keystroke, selecting a client, a save on the GUI thread, memory) and
`deadlines --json` across all clients.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.firm.generate import generate

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
BARE = ("from PySide6.QtWidgets import QApplication, QMainWindow; app = QApplication([]); w = QMainWindow();"
        " w.resize(1240, 700); w.show(); app.processEvents()")
JULIU_WINDOW = ("import sys; from pathlib import Path; from PySide6.QtWidgets import QApplication;"
                " from core.services.facade import JuliuService; from ui.main_window import MainWindow;"
                " app = QApplication([]); s = JuliuService.open(Path(sys.argv[1]), daily_backup=False);"
                " w = MainWindow(s); w.show(); app.processEvents()")


def wall(cmd: list[str], repeat: int = 5) -> float:
    """Best wall-clock time of `repeat` runs, in seconds (the fairest figure on a shared machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def store(work: Path, clients: int) -> Path:
    folder = work / f"firm-{clients}"
    if not (folder / "juliu.sqlite3").exists():
        generate(folder, clients)
    return folder


def in_window(folder: Path) -> dict[str, float]:
    """The window's figures measured inside one process (bench/firm/window_probe.py)."""
    out = subprocess.run([sys.executable, "-m", "bench.firm.window_probe", str(folder)], cwd=ROOT, env=ENV,
                         check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=10_000)
    p.add_argument("--small", type=int, default=500)
    p.add_argument("--work", type=Path, default=Path("/tmp/juliu-bench-firm"))
    args = p.parse_args(argv)
    py = sys.executable
    empty, one = args.work / "firm-0", store(args.work, 1)
    empty.mkdir(parents=True, exist_ok=True)
    small, big = store(args.work, args.small), store(args.work, args.clients)
    r: dict[str, object] = {}
    bare = wall([py, "-c", BARE])
    r["bare PySide6 window s"] = bare
    r["window, 0 clients s"] = w0 = wall([py, "-c", JULIU_WINDOW, str(empty)])
    r["ratio window 0 clients / bare (<=1.5)"] = w0 / bare
    base = wall([py, "-c", "import sqlite3, json, argparse"])
    listing = wall([py, "main.py", "--data-dir", str(one), "case", "list", "--json"])
    r["python -c import sqlite3,json,argparse s"], r["case list --json s"] = base, listing
    r["ratio case list / bare python (<=4)"] = listing / base
    w1 = wall([py, "-c", JULIU_WINDOW, str(one)], 3)
    wn = wall([py, "-c", JULIU_WINDOW, str(big)], 3)
    r["window, 1 client s"] = w1
    r[f"window, {args.clients} clients s"] = wn
    r[f"ratio start {args.clients} / 1 client (<=1.5)"] = wn / w1
    r[f"at {args.clients}"] = in_window(big)
    r[f"at {args.small}"] = in_window(small)
    start = time.perf_counter()
    subprocess.run([py, "main.py", "--data-dir", str(big), "deadlines", "--json"], cwd=ROOT, env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    r[f"deadlines --json, {args.clients} clients s (<10)"] = time.perf_counter() - start
    print(json.dumps(r, indent=2, ensure_ascii=False, default=lambda x: round(x, 3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
