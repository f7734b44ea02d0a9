"""Closing the window with background work still running: the work is cancelled and waited for, so no worker
reports to objects that are gone ("RuntimeError: Signal source has been deleted" at exit), and the window shows
each selected client once."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from core.records.identity import Applicant
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.ui.qt_guard import PLATFORM_NOISE
from ui.common.background import BackgroundOp, Cancelled, cancel_and_wait, running_under
from ui.eligibility.applicant_eligibility_tab import EligibilityTab
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
EXIT_SCRIPT = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from core.services.facade import JuliuService
from ui.common.background import BackgroundOp
from ui.main_window import MainWindow
service = JuliuService.open(Path(sys.argv[1]))
window = MainWindow(service)
window.show()
BackgroundOp(lambda progress: time.sleep(1.5) or 1, window).start()  # still asleep when the window closes
QTimer.singleShot(200, window.close)  # the last window: the application quits and the process ends
code = app.exec()
service.close()
sys.exit(code)
"""


def test_closing_the_window_cancels_its_work_and_waits_for_it(qtbot, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    steps: list[int] = []
    stopped = threading.Event()

    def slow(progress):  # type: ignore[no-untyped-def]
        try:
            for step in range(200):
                progress(step, 200)
                steps.append(step)
                time.sleep(0.05)
        except Cancelled:
            stopped.set()
            raise
        return "finished"

    op = BackgroundOp(slow, window)
    results: list[object] = []
    op.succeeded.connect(results.append)
    op.failed.connect(results.append)
    op.start()
    qtbot.waitUntil(lambda: len(steps) >= 2, timeout=10_000)
    began = time.monotonic()
    window.close()
    assert time.monotonic() - began < 5 and stopped.is_set() and op.ran.is_set() and not op.running
    assert len(steps) < 200
    qtbot.wait(100)  # anything queued by the worker would arrive now
    assert results == []


def test_quitting_with_work_still_running_prints_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", EXIT_SCRIPT, str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    printed = [line for line in done.stderr.splitlines() if line.strip() and line.strip() not in PLATFORM_NOISE]
    assert done.returncode == 0 and printed == [], done.stderr


def test_selecting_a_client_shows_it_once_in_every_tab(qtbot, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    first = service.save_applicant(Applicant("Li", "Ming", "李明", nationality="SGP"))
    second = service.save_applicant(Applicant("Wang", "Fang", "王芳", nationality="SGP"))
    assert first.id is not None and second.id is not None
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    tab = next(t for t in window.applicant_tabs if isinstance(t, EligibilityTab))
    shown: list[object] = []
    real = tab.set_applicant

    def counted(applicant_id):  # type: ignore[no-untyped-def]
        shown.append(applicant_id)
        real(applicant_id)

    tab.set_applicant = counted  # type: ignore[method-assign]
    window.refresh_applicants(select_id=second.id)
    assert shown == [second.id]
    window.refresh_applicants()  # the same client, read again
    assert shown == [second.id, second.id]
    window.refresh_applicants(select_id=first.id)
    assert shown == [second.id, second.id, first.id]
    window.clients.show_client(second.id)  # a click in the list
    assert shown == [second.id, second.id, first.id, second.id]


def test_the_window_finds_its_running_work_without_walking_its_widgets(qtbot, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    """`running_under` (what closing the window cancels): work started by a widget deep in the window, not another
    window's work, not finished work (issue 15: findChildren wrapped every widget, 7 ms a close)."""
    window, other = MainWindow(service, today=lambda: TODAY), MainWindow(service, today=lambda: TODAY)
    for w in (window, other):
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not window.paint_hold.holding and not other.paint_hold.holding)
    release = threading.Event()
    done = BackgroundOp(lambda _p: 1, window).start()  # first: the pool may have two threads only
    qtbot.waitUntil(lambda: not done.running, timeout=10_000)
    deep = BackgroundOp(lambda _p: release.wait(10), window.clients.view).start()
    elsewhere = BackgroundOp(lambda _p: release.wait(10), other).start()
    try:
        assert running_under(window) == [deep] and running_under(other) == [elsewhere]
    finally:
        release.set()
        assert cancel_and_wait([deep, elsewhere])
    assert running_under(window) == []
