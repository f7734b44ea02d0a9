"""Python's cycle collector frees Qt objects on the GUI thread only.

Left as it is, the collector runs in whichever thread happens to allocate past generation 0's threshold, so a
worker of the thread pool (an eligibility run, a deadlines pass) could free a widget or another QObject whose
PySide wrapper sat in a reference cycle: its C++ destructor then runs in the worker, which Qt does not allow (a
segmentation fault, seen twice in the suite with "Garbage-collecting" in a worker's stack). Two layers:

1. `GuiThreadCollector`: automatic collection is switched off and a timer on the GUI thread collects each
   generation whose count passed its threshold, as Python would have (pyqtgraph's GarbageCollector and Anki do
   the same). Workers then never start a collection by allocating.
2. `gc.callbacks` guard: a collection that still starts outside the main thread (an explicit `gc.collect()` in
   a library, or code that switched collection back on) first pins every PySide wrapper alive, so that
   collection frees none of them nor anything they hold; the GUI thread's next tick lets go of the pins and
   collects there. Pinning walks every tracked object (tens of milliseconds), which is why it is only the net
   under layer 1 and not the remedy itself.

The same timer tops up the reference counts PySide6 6.12 leaks (ui/common/pyside_leak.py).
`install()` is idempotent; the app calls it at start and every BackgroundOp before it starts work.
"""
from __future__ import annotations

import gc
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import Shiboken

from ui.common import pyside_leak

INTERVAL_MS = 500
_MAIN = threading.main_thread()
_pinned: list[object] = []  # Qt wrappers kept alive through a worker's collection, let go on the GUI thread
_pins_lock = threading.Lock()
_in_worker = threading.Event()  # a collection started by a worker thread has not finished yet


class GuiThreadCollector(QObject):
    """Collects on a GUI-thread timer instead of automatically (see the module's docstring)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        if _pin_in_workers not in gc.callbacks:
            gc.callbacks.append(_pin_in_workers)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def collect_due(self) -> None:
        collect_due(self.threshold)


_installed: list[GuiThreadCollector] = []


def install() -> GuiThreadCollector:
    """The one collector of this process, on the application object (call on the GUI thread)."""
    if not _installed:
        app = QCoreApplication.instance()
        assert app is not None and threading.current_thread() is _MAIN, "install on the GUI thread, after QApplication"
        _installed.append(GuiThreadCollector(app))
        pyside_leak.top_up()
    return _installed[0]


def collect_due(threshold: tuple[int, ...] | None = None) -> None:
    """Let go of what a worker's collection pinned, then collect the generations whose counts passed their
    thresholds (on the GUI thread only)."""
    if threading.current_thread() is not _MAIN:
        return
    pyside_leak.top_up()  # the same tick keeps None, True and False alive (ui/common/pyside_leak.py)
    if _in_worker.is_set():  # a worker's collection is under way: gc.collect() here would return at once
        return
    with _pins_lock:
        pins = _pinned[:]
        _pinned.clear()
    t0, t1, t2 = threshold or gc.get_threshold()
    if pins:
        del pins  # the wrappers nothing else holds are freed here, on the GUI thread
        gc.collect()  # and the cycles they were in
        return
    n0, n1, n2 = gc.get_count()
    if n0 > t0:
        gc.collect(2 if n1 > t1 and n2 > t2 else 1 if n1 > t1 else 0)


def _pin_in_workers(phase: str, _info: dict[str, Any]) -> None:
    if threading.current_thread() is _MAIN:
        return
    if phase == "stop":
        _in_worker.clear()
        return
    _in_worker.set()  # first: this Python code may let the GUI thread run while the worker's collection is under way
    found = [o for o in gc.get_objects() if issubclass(type(o), Shiboken.Object)]  # type(): no __class__ code
    with _pins_lock:
        _pinned.extend(found)
