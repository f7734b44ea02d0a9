"""Firm-scale benchmarks, measured as ratios in one run (issue 15; bench/firm/README.md records the figures).

    .venv/bin/python -m bench.firm.run [--clients 10000] [--small 500] [--work DIR]

Generates (or reuses) stores of 1, --small and --clients clients under --work, then measures in fresh processes:
start-up against a bare PySide6 window and against `python -c 'import sqlite3, json, argparse'`, the window's start
at --clients against 1 client (whole processes: start, first paint, close; wall-clock and CPU time, interleaved),
the window at scale (start to usable, filter per keystroke, selecting a client, a save on the GUI thread, memory)
and `deadlines --json` across all clients.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.firm.generate import generate

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
BARE = ("from PySide6.QtWidgets import QApplication, QMainWindow; app = QApplication([]); w = QMainWindow();"
        " w.resize(1240, 700); w.show(); app.processEvents()")
# The window as ui/app.py opens it (the store's quick_check left until the window has painted), shown, one round of
# events (the first paint), then closed as a user would quit: the close stops the background work (deadlines,
# search texts, the check) instead of the process waiting for it (issue 15).
JULIU_WINDOW = ("import sys; from pathlib import Path; from PySide6.QtWidgets import QApplication;"
                " from core.services.facade import JuliuService; from ui.main_window import MainWindow;"
                " app = QApplication([]);"
                " s = JuliuService.open(Path(sys.argv[1]), daily_backup=False, check='later');"
                " w = MainWindow(s); w.show(); app.processEvents(); w.close(); s.close()")


def wall(cmd: list[str], repeat: int = 5) -> float:
    """Best wall-clock time of `repeat` runs, in seconds (the fairest figure on a shared machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(wall-clock, user + system CPU) seconds of one run of `cmd` as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return took, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def paired(cmds: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """Best wall-clock and best CPU time of each command, the commands interleaved so each meets the same load."""
    best = {k: (float("inf"), float("inf")) for k in cmds}
    for _ in range(repeat):
        for k, cmd in cmds.items():
            w, c = run_once(cmd)
            best[k] = (min(best[k][0], w), min(best[k][1], c))
    return best


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
    starts = paired({"1": [py, "-c", JULIU_WINDOW, str(one)], "n": [py, "-c", JULIU_WINDOW, str(big)]}, 7)
    (w1, c1), (wn, cn) = starts["1"], starts["n"]
    r["window, 1 client: wall s, CPU s"] = [w1, c1]
    r[f"window, {args.clients} clients: wall s, CPU s"] = [wn, cn]
    r[f"ratio start {args.clients} / 1 client, CPU (<=1.5)"] = cn / c1
    r[f"ratio start {args.clients} / 1 client, wall (<=1.5)"] = wn / w1
    r[f"at {args.clients}"] = in_window(big)
    r[f"at {args.small}"] = in_window(small)
    took, cpu = run_once([py, "main.py", "--data-dir", str(big), "deadlines", "--json"])
    r[f"deadlines --json, {args.clients} clients: wall s (<10), CPU s"] = [took, cpu]
    r["load average"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(r, indent=2, ensure_ascii=False, default=lambda x: round(x, 3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
