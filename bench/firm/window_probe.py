"""Inside one window on a firm store: filter per keystroke, selecting a client, a save on the GUI thread, memory.
Prints JSON; run by bench/firm/run.py and bench/firm/engines.py (or alone: python -m bench.firm.window_probe
DATA_DIR, or a firm database's postgresql:// URL)."""
from __future__ import annotations

import datetime as dt
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from core.records.model import Document, DocumentKind
from core.services.facade import JuliuService
from core.services.op_changes import OpChanges
from ui.main_window import MainWindow


def wait(app: QApplication, done: object, limit: float = 600.0) -> float:
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < limit:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.005)
    return time.perf_counter() - start


def main() -> int:
    app = QApplication([])
    target = sys.argv[1]  # a data folder, or a firm database's URL (bench/firm/engines.py)
    service = (JuliuService.open_url(target) if target.startswith("postgresql://")
               else JuliuService.open(Path(target), daily_backup=False, check="later"))  # as the window opens it
    start = time.perf_counter()
    window = MainWindow(service)
    window.show()
    app.processEvents()
    usable = time.perf_counter() - start
    assert window.deadlines is not None
    dash = window.deadlines.dashboard
    background = wait(app, lambda: not dash.busy and not window.clients.busy)
    out: dict[str, float] = {"clients": window.applicant_model.rowCount(), "start to usable window s": usable,
                             "deadlines and search texts ready after s": usable + background,
                             "deadline rows": len(dash.items())}
    keys = []
    for n in range(1, len("SMITH") + 1):
        t = time.perf_counter()
        window.clients.search.setText("SMITH"[:n])
        keys.append(time.perf_counter() - t)
    out["filter per keystroke, worst ms (<50)"] = max(keys) * 1000
    wait(app, lambda: not window.clients.busy)
    current = window.current_applicant()
    out["typing SMITH lands on"] = current.latin_name if current else "-"  # type: ignore[assignment]
    window.clients.search.setText("")
    rng = random.Random(1)
    picks = []
    for _ in range(15):
        row = rng.randrange(window.applicant_model.rowCount())
        t = time.perf_counter()
        window.applicant_view.selectRow(row)
        app.processEvents()
        picks.append(time.perf_counter() - t)
    out["select a client, median ms (<150)"] = statistics.median(picks) * 1000
    out["select a client, worst ms"] = max(picks) * 1000
    saves = []
    for _ in range(5):
        a = window.current_applicant()
        assert a is not None and a.id is not None
        t = time.perf_counter()
        service.records.save_document(Document(a.id, DocumentKind.HEALTH_CERTIFICATE, "H1",
                                               issue_date=dt.date.today()))
        window.apply_changes(OpChanges.of([a.id], "document"))
        app.processEvents()
        saves.append(time.perf_counter() - t)
        wait(app, lambda: not dash.busy and not window.clients.busy)
    out["save on the GUI thread, median ms (<100)"] = statistics.median(saves) * 1000
    out["max RSS MB (<400)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
    window.close()
    service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
