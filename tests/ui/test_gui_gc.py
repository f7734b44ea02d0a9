"""Python's cycle collector frees Qt objects on the GUI thread only (ui/common/gui_gc.py): a worker of a
BackgroundOp that collects (by allocating, or by calling gc.collect()) must not run a widget's destructor."""
from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ui.common import gui_gc
from ui.common.background import BackgroundOp

FREED_IN: list[str] = []  # the thread each CycleWidget was finalised in


class CycleWidget(QWidget):
    """A widget that only the cycle collector can free (it refers to itself), with a child label."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self
        self.label = QLabel("x", self)

    def __del__(self) -> None:
        FREED_IN.append(threading.current_thread().name)


class Node:
    def __init__(self) -> None:
        self.me = self


def test_a_workers_gc_collect_frees_no_widget_there(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    """The crash seen in the suite, made certain: widgets in cycles are pending when a worker collects."""
    gui_gc.install()
    gc.collect()
    FREED_IN.clear()
    for _ in range(50):
        CycleWidget()
    assert FREED_IN == []  # nothing frees them but the collector
    op = BackgroundOp(lambda _progress: gc.collect())
    with qtbot.waitSignal(op.succeeded, timeout=10_000):
        op.start()
    qtbot.waitUntil(lambda: len(FREED_IN) >= 50, timeout=5_000)  # the GUI thread's next tick
    assert len(FREED_IN) == 50
    assert set(FREED_IN) == {threading.main_thread().name}


def test_automatic_collection_is_off_and_the_gui_thread_collects(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    collector = gui_gc.install()
    assert not gc.isenabled() and gui_gc.install() is collector
    gc.collect()
    ref = weakref.ref(Node())
    for _ in range(collector.threshold[0] + 1):
        Node()  # past generation 0's threshold: Python would have collected by now, the timer will
    assert ref() is not None
    qtbot.waitUntil(lambda: ref() is None, timeout=2 * gui_gc.INTERVAL_MS + 2_000)


def test_only_generations_past_their_threshold_are_collected(qapp: QApplication) -> None:
    gui_gc.install()
    gc.collect()
    ref = weakref.ref(Node())
    gui_gc.collect_due((10**9, 10**9, 10**9))
    assert ref() is not None
    gui_gc.collect_due((0, 10**9, 10**9))
    assert ref() is None


def test_a_worker_never_collects_by_itself(qapp: QApplication) -> None:
    gui_gc.install()
    ref = weakref.ref(Node())
    seen: list[bool] = []

    def allocate() -> None:
        for _ in range(100_000):
            Node()
        seen.append(ref() is not None)

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert seen == [True]
    gui_gc.collect_due((0, 0, 0))
    assert ref() is None
