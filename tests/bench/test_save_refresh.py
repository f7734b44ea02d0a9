"""The save-refresh benchmark, small: a save recomputes the one client it touched, the old reaction everyone."""
from __future__ import annotations

from bench.save_refresh.run import run


def test_a_save_recomputes_only_the_client_it_touched(qapp) -> None:
    figures = run(clients=12, rounds=1)
    assert figures["OpChanges: applicants whose deadlines were recomputed"] == "1"
    assert figures["reload everyone: applicants recomputed"] == "all"
    assert figures["clients (families) / people"].startswith("12 / ")
