"""Benchmark (not a test): the whole `presence --json` computation in-process for 1k, 10k and 100k crossings.

Each history spreads N crossings over 20 years (2006-2025) at random minutes, alternating entry and exit, in
shuffled order, so the sort, stays, per-year counts, 5 rolling years, absences and the tax years (six-year rule
under all four readings) all run. Prints a Markdown table; results are recorded in bench/presence/README.md.

    cd <checkout> && .venv/bin/python bench/presence/run.py [--repeat 7] [--sizes 1000 10000 100000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from core.presence.config import PresenceConfig  # noqa: E402
from core.presence.report import presence_report  # noqa: E402
from core.records.identity import Crossing, Direction  # noqa: E402
from core.ruledata.loader import Settings, load_setting_defs  # noqa: E402

START = dt.datetime(2006, 1, 1)
YEARS = 20
AS_OF = dt.date(2025, 12, 31)


def history(n: int, seed: int = 3) -> list[Crossing]:
    """n crossings at distinct random minutes over 20 years, alternating from an entry, then shuffled."""
    rng = random.Random(seed)
    minutes = sorted(rng.sample(range(YEARS * 365 * 24 * 60), n))
    result = []
    for i, m in enumerate(minutes):
        moment = START + dt.timedelta(minutes=m)
        result.append(Crossing(moment.date(), Direction.ENTRY if i % 2 == 0 else Direction.EXIT,
                               moment.time().replace(second=0)))
    rng.shuffle(result)
    return result


def compute(crossings: list[Crossing], config: PresenceConfig) -> str:
    report = presence_report(crossings, AS_OF, config, window_end=AS_OF, windows=5)
    return json.dumps(report.as_json(), ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    config = PresenceConfig.from_settings(Settings(load_setting_defs()))
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; "
          f"as of {AS_OF}, 5 rolling years; best and median of {args.repeat} runs")
    print()
    print("| crossings | best ms | median ms | µs per crossing (best) | best ms, gc off | µs per crossing, gc off "
          "| absences | JSON bytes |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        crossings = history(n)
        out = compute(crossings, config)  # warm-up, and the size of what is produced
        times, quiet = timed(crossings, config, args.repeat, gc_on=True), timed(crossings, config, args.repeat, False)
        best, median = min(times), statistics.median(times)
        absences = len(json.loads(out)["absences"])
        print(f"| {n:,} | {best:.1f} | {median:.1f} | {best * 1000 / n:.2f} | {min(quiet):.1f} "
              f"| {min(quiet) * 1000 / n:.2f} | {absences:,} | {len(out):,} |")


def timed(crossings: list[Crossing], config: PresenceConfig, repeat: int, gc_on: bool) -> list[float]:
    """Milliseconds per run; with gc_on False the cyclic garbage collector is paused during each run."""
    times = []
    for _ in range(repeat):
        if not gc_on:
            gc.collect()
            gc.disable()
        t0 = time.perf_counter()
        compute(crossings, config)
        times.append((time.perf_counter() - t0) * 1000)
        gc.enable()
    return times


if __name__ == "__main__":
    main()
