"""Bundle figures (issue 14): size on disk, archive size, and start-up against the checkout as paired ratios.

Run after `make bundle`: `.venv/bin/python bench/bundle/run.py [RUNS]`. Each pair runs the bundle and the checkout
back to back (A B A B ...), so a ratio holds while the machine's speed drifts; medians are printed.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "juliu" / "juliu"


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120)
    return time.perf_counter() - start


def main(runs: int = 7) -> int:
    if not BUNDLE.is_file():
        print("run `make bundle` first", file=sys.stderr)
        return 2
    (archive,) = (ROOT / "dist").glob("juliu-*-linux-*.tar.gz")
    print(f"bundle folder: {_size(BUNDLE.parent) / 2**20:.0f} MiB; archive {archive.name}: "
          f"{archive.stat().st_size / 2**20:.0f} MiB")
    data = tempfile.mkdtemp()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    checkout = [sys.executable, str(ROOT / "main.py")]
    for label, args in (("--version", ["--version"]), ("case list --json", ["--data-dir", data, "case", "list",
                                                                             "--json"])):
        pairs = []
        for _ in range(runs + 1):
            pairs.append((_time([str(BUNDLE), *args], env), _time([*checkout, *args], env)))
        pairs = pairs[1:]  # the first pair warms the page cache
        bundle, source = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[0] / p[1] for p in pairs)
        print(f"{label:18} bundle {bundle * 1000:6.0f} ms   checkout {source * 1000:6.0f} ms   ratio {ratio:.2f}x "
              f"(median of {runs} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
