"""Fuzz settings: a short run in the normal suite; `make fuzz` (JULIU_FUZZ=long) runs each target at length."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.fuzz.harness import STATS

LONG = os.environ.get("JULIU_FUZZ") == "long"
settings.register_profile("fuzz-short", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz-long", max_examples=int(os.environ.get("JULIU_FUZZ_EXAMPLES", "1500")),
                          deadline=None, suppress_health_check=list(HealthCheck))
FUZZ = settings.get_profile("fuzz-long" if LONG else "fuzz-short")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not STATS:
        return
    terminalreporter.section("fuzz figures")
    total: dict[str, int] = {}
    for target, counts in sorted(STATS.items()):
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
        terminalreporter.write_line(f"{target}: " + _line(counts))
    terminalreporter.write_line("all: " + _line(total))


def _line(counts: dict[str, int]) -> str:
    keys = ("inputs", "accepted", "clean errors", "crashes", "hangs", "partial writes")
    return ", ".join(f"{k} {counts.get(k, 0)}" for k in keys)
