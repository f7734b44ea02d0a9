"""Start-up as CPU time (user + system of the child, best of N, interleaved), which a loaded machine inflates far
less than wall-clock time (issue 15): the window with no clients against a bare PySide6 window, and `case list
--json` against `python -c 'import sqlite3, json, argparse'`. `--against DIR` measures another checkout (an older
commit's worktree) in the same run, so the two read as a pair. `--floor` adds what the window's figure is made of:
a realistic bare PySide6 window (menu, toolbar, splitter, tabs with a table, a dock with a table), the store opened
without a window, and the window's imports alone (bench/firm/README.md, fifth pass).

    .venv/bin/python -m bench.firm.startup_cpu [--repeat 9] [--against /tmp/old-checkout] [--floor]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.firm.run import BARE, JULIU_WINDOW

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
CASE = "examples/cases/beijing-6x-professional.json"
REALISTIC = (
    "from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QDockWidget, QToolBar, QLabel, QSplitter,"
    " QTabWidget, QLineEdit\nfrom PySide6.QtCore import Qt\napp = QApplication([]); w = QMainWindow()\n"
    "m = w.menuBar().addMenu('&File'); m.addAction('Open'); tb = QToolBar(); w.addToolBar(tb); tb.addAction('x')\n"
    "s = QSplitter(); s.addWidget(QLineEdit()); t = QTabWidget(); t.addTab(QTableView(), 'a')\n"
    "t.addTab(QLabel('b', alignment=Qt.AlignmentFlag.AlignCenter), 'b'); s.addWidget(t)\n"
    "w.setCentralWidget(s); d = QDockWidget('d'); d.setWidget(QTableView())\n"
    "w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, d); w.resize(1240, 700); w.show(); app.processEvents()")
OPEN_ONLY = ("import sys; from pathlib import Path; from PySide6.QtWidgets import QApplication;"
             " from core.services.facade import JuliuService; app = QApplication([]);"
             " s = JuliuService.open(Path(sys.argv[1]), daily_backup=False)")
IMPORTS_ONLY = ("from PySide6.QtWidgets import QApplication; from core.services.facade import JuliuService;"
                " import ui.main_window")


def cpu(cmd: list[str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=9)
    p.add_argument("--against", type=Path, help="another checkout to measure in the same run")
    p.add_argument("--floor", action="store_true", help="also what the window's figure is made of")
    args = p.parse_args(argv)
    py = sys.executable
    trees = {"this": ROOT, **({"against": args.against.resolve()} if args.against else {})}
    cmds: dict[str, tuple[list[str], Path]] = {
        "bare PySide6 window": ([py, "-c", BARE], ROOT),
        "python -c import sqlite3, json, argparse": ([py, "-c", "import sqlite3, json, argparse"], ROOT),
        **({"realistic bare window (no Juliu code)": ([py, "-c", REALISTIC], ROOT)} if args.floor else {})}
    for name, tree in trees.items():
        # Byte-compiled first: with PYTHONDONTWRITEBYTECODE set, a fresh checkout would compile every module on
        # every start and read as slower than it is.
        subprocess.run([py, "-m", "compileall", "-q", "main.py", "cli", "core", "ui"], cwd=tree, env=ENV,
                       check=True, stdout=subprocess.DEVNULL)
        empty, one = tempfile.mkdtemp(), tempfile.mkdtemp()
        subprocess.run([py, "main.py", "--data-dir", one, "case", "import", CASE], cwd=tree, env=ENV, check=True,
                       stdout=subprocess.DEVNULL)
        cmds[f"{name}: window, 0 clients"] = ([py, "-c", JULIU_WINDOW, empty], tree)
        cmds[f"{name}: case list --json, 1 client"] = ([py, "main.py", "--data-dir", one, "case", "list", "--json"],
                                                       tree)
        if args.floor:
            cmds[f"{name}: the store opened, no window"] = ([py, "-c", OPEN_ONLY, empty], tree)
            cmds[f"{name}: the window's imports alone"] = ([py, "-c", IMPORTS_ONLY], tree)
    best = dict.fromkeys(cmds, float("inf"))
    for _ in range(args.repeat):
        for label, (cmd, cwd) in cmds.items():
            best[label] = min(best[label], cpu(cmd, cwd))
    out: dict[str, object] = {k: round(v, 3) for k, v in best.items()}
    for name in trees:
        out[f"{name}: window / bare (<=1.5)"] = round(
            best[f"{name}: window, 0 clients"] / best["bare PySide6 window"], 2)
        out[f"{name}: case list / python (<=4)"] = round(
            best[f"{name}: case list --json, 1 client"] / best["python -c import sqlite3, json, argparse"], 2)
        for label in ("the store opened, no window", "the window's imports alone"):
            if f"{name}: {label}" in best:
                out[f"{name}: {label} / bare"] = round(best[f"{name}: {label}"] / best["bare PySide6 window"], 2)
    if args.floor:
        out["realistic bare window / bare"] = round(
            best["realistic bare window (no Juliu code)"] / best["bare PySide6 window"], 2)
    out["load average"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
