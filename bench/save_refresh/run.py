"""Saving one record with 500 clients in the store: what the window recomputes and how long it is held up.

A 500-family store (bench.firm.generate) in a window; each round saves a document the way the Documents tab does
(`service.perform`), broadcasts the OpChanges the service returned (`MainWindow.apply_changes`) and waits until
the deadlines dock and the client search are settled. The same saves are then followed by the old reaction,
"reload every applicant" (the client list, every client's search text and deadlines), for comparison.

    .venv/bin/python -m bench.save_refresh.run [--clients 500] [--rounds 5] [--record]

--record rewrites bench/save_refresh/RESULTS.md with the figures of this run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402 (the platform must be chosen first)

from bench.firm.generate import generate  # noqa: E402
from core.records.identity import ApplicantId  # noqa: E402
from core.records.model import Document, DocumentKind  # noqa: E402
from core.services.facade import JuliuService  # noqa: E402
from core.services.records import RecordsService  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

RESULTS = Path(__file__).with_name("RESULTS.md")
EARLIER = [  # kept by --record: what the figures were before the changes they led to
    "Issue 9 as filed: after any save the window reloaded every applicant on the GUI thread, freezing it for "
    "about 1.3 s at 500 clients.",
    "2026-11-30 02:17 UTC, before readers skipped the integrity check: OpChanges until settled 1717 ms, reload "
    "everyone 128 ms held / 1563 ms until settled. Each worker's connection ran a quick_check over the whole file "
    "(0.3 s at 500 clients, growing with the store); a reader of a store this process already opened and checked "
    "now skips it (`JuliuService.open(check=False)`).",
]
AS_OF = dt.date(2026, 11, 29)


def wait(app: QApplication, done: Callable[[], bool], limit: float = 600.0) -> None:
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < limit:
        app.processEvents()
        time.sleep(0.002)


class Spy:
    """Counts the applicants each deadline computation covers (None = everyone), in the workers too."""

    def __init__(self) -> None:
        self.asked: list[int | None] = []
        self._real = RecordsService.deadlines_for

    def install(self) -> None:
        real, asked = self._real, self.asked

        def deadlines_for(service: RecordsService, as_of: dt.date, applicant_ids: Iterable[ApplicantId] | None,
                          *args: object, **kwargs: object) -> object:
            ids = None if applicant_ids is None else list(applicant_ids)
            asked.append(None if ids is None else len(ids))
            return real(service, as_of, ids, *args, **kwargs)  # type: ignore[arg-type]

        RecordsService.deadlines_for = deadlines_for  # type: ignore[method-assign,assignment]


def run(clients: int, rounds: int) -> dict[str, str]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), clients, as_of=AS_OF)
        service = JuliuService.open(Path(tmp), daily_backup=False)
        window = MainWindow(service, today=lambda: AS_OF)
        window.show()
        assert window.deadlines is not None
        dash = window.deadlines.dashboard

        def settled() -> bool:
            return not dash.busy and not window.clients.busy

        wait(app, settled)
        people = len(service.list_applicants())
        spy = Spy()
        spy.install()
        ids = [a.id for a in service.list_applicants() if a.id is not None]

        def one_save(n: int, react: Callable[[object], None]) -> tuple[float, float, int | None]:
            applicant = ids[(n * 97) % len(ids)]
            spy.asked.clear()
            start = time.perf_counter()
            done = service.perform(lambda: service.records.save_document(
                Document(applicant, DocumentKind.HEALTH_CERTIFICATE, f"H{n}", issue_date=AS_OF)))
            react(done.changes)
            gui = time.perf_counter() - start  # the GUI thread is held until here; the rest runs in workers
            wait(app, settled)
            total = time.perf_counter() - start
            covered = None if None in spy.asked else sum(a for a in spy.asked if a is not None)
            return gui, total, covered

        def everyone(_changes: object) -> None:  # the reaction before OpChanges: reload every applicant
            window.refresh_applicants()
            window.clients.update_texts(None)
            dash.refresh(None)

        touched = [one_save(n, window.apply_changes) for n in range(rounds)]  # type: ignore[arg-type]
        reload = [one_save(rounds + n, everyone) for n in range(rounds)]
        window.close()
        window.deleteLater()  # let Qt take the window down before the interpreter does
        app.processEvents()
        service.close()

    def med(rows: list[tuple[float, float, int | None]], i: int) -> str:
        return f"{statistics.median(r[i] for r in rows) * 1000:.0f} ms"  # type: ignore[misc]

    return {
        "clients (families) / people": f"{clients} / {people}",
        "OpChanges: GUI thread held, median": med(touched, 0),
        "OpChanges: until deadlines and search settled, median": med(touched, 1),
        "OpChanges: applicants whose deadlines were recomputed": str(touched[-1][2]),
        "reload everyone: GUI thread held, median": med(reload, 0),
        "reload everyone: until settled, median": med(reload, 1),
        "reload everyone: applicants recomputed": "all" if reload[-1][2] is None else str(reload[-1][2]),
    }


def record(figures: dict[str, str], clients: int, rounds: int) -> None:
    load = os.getloadavg()[0]
    lines = ["# bench/save_refresh results", "",
             f"Saving one document with {clients} clients in the store, {rounds} saves each way "
             "(`python -m bench.save_refresh.run --record`).", "",
             f"- machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
             f"load average {load:.1f} at the end of the run (other sessions share the cores)",
             f"- recorded {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", "", "| measure | figure |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in figures.items()]
    lines += ["", "The save itself and the broadcast run on the GUI thread; the deadlines and search texts are "
              "recomputed in workers (ui/common/background.py) on their own connection and merged when ready. "
              "With OpChanges only the client the save touched is recomputed. \"Until settled\" is wall time "
              "on shared cores, dominated by the two workers opening their connection and merging.", "",
              "Earlier:", ""] + [f"- {line}" for line in EARLIER] + [""]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.clients, args.rounds)
    for key, value in figures.items():
        print(f"{key}: {value}")
    if args.record:
        record(figures, args.clients, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
