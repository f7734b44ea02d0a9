"""Long work off the GUI thread, with progress and errors reported in one place (like Anki's QueryOp).

    op = BackgroundOp(lambda progress: compute(progress), parent=window)
    op.succeeded.connect(show)
    op.start()

The work runs on Qt's global thread pool; it must not touch widgets or the window's database connection (SQLite
connections belong to the thread that opened them): it opens its own through `JuliuService.open` when it reads.
`progress(done, total)` may be called from the work; the signals arrive on the GUI thread. Once the operation is
cancelled (`cancel_and_wait`: the window closing, the application quitting) `progress` raises `Cancelled`, so a
work that reports progress stops there; nothing is emitted after a cancel, and the window waits for the worker to
return before it goes (else the worker would emit to an object already deleted: "Signal source has been deleted").
Python's cycle collector runs on the GUI thread only while workers run (ui/common/gui_gc.py).
An error the user can act on (InputError, StorageError, OSError) becomes `failed(message)`; anything else is a bug
and is reported the same way, with its type, instead of vanishing in a worker thread.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QStatusBar, QWidget
from shiboken6 import Shiboken

from core.errors import InputError
from core.i18n import _
from ui.common import gui_gc
from ui.common.widgets import named

Progress = Callable[[int, int], None]
_RUNNING: set[BackgroundOp] = set()  # keeps an operation alive until its signals have been delivered
_HOLDS: set[int] = set()  # windows not painted yet (PaintHold): work started meanwhile waits in _WAITING
_WAITING: list[BackgroundOp] = []


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)


class Cancelled(Exception):
    """Raised by `progress` once the operation is cancelled: the work stops there and nothing is reported."""


class _Task(QRunnable):
    """Runs the work on a pool thread. It lets go of the work and of the signals' object before it says it has
    returned (the operation holds both until then, on the GUI thread), so nothing of ours is freed in the worker:
    a Python wrapper of a QObject must be freed on the GUI thread."""

    def __init__(self, op: BackgroundOp):
        super().__init__()
        self._work: Callable[[Progress], Any] | None = op.work
        self._signals: _Signals | None = op.signals
        self._cancelled, self._ran = op.cancelled, op.ran
        self.setAutoDelete(True)

    def run(self) -> None:
        work, signals, self._work, self._signals = self._work, self._signals, None, None
        assert work is not None and signals is not None
        try:
            self._report(signals, *self._outcome(work, signals))
        finally:
            del work, signals
            self._ran.set()

    def _outcome(self, work: Callable[[Progress], Any], signals: _Signals) -> tuple[bool | None, Any]:
        cancelled = self._cancelled

        def progress(done: int, total: int) -> None:
            if cancelled.is_set():
                raise Cancelled
            signals.progressed.emit(done, total)

        try:
            return True, work(progress)
        except Cancelled:
            return None, None
        except InputError as exc:
            return False, str(exc)
        except OSError as exc:
            return False, f"{exc.filename or ''} {exc.strerror or exc}".strip()
        except Exception as exc:  # noqa: BLE001 — reported to the user, never lost in a worker thread
            return False, f"{type(exc).__name__}: {exc}"

    def _report(self, signals: _Signals, ok: bool | None, value: Any) -> None:
        if ok is None or self._cancelled.is_set():  # cancelled: whoever asked may be gone
            return
        if ok:
            signals.succeeded.emit(value)
        else:
            signals.failed.emit(value)


class BackgroundOp(QObject):
    """One piece of work on the thread pool; emits `progressed`, then `succeeded(result)` or `failed(message)`."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None = None,
                 status: QStatusBar | None = None, label: str = ""):
        super().__init__(parent)
        self.work: Callable[[Progress], Any] | None = work
        self.signals = _Signals()
        self.signals.progressed.connect(self.progressed)
        self.signals.succeeded.connect(self._done_ok)
        self.signals.failed.connect(self._done_failed)
        self.cancelled = threading.Event()
        self.ran = threading.Event()  # set by the worker once it holds nothing of ours any more
        self._bar: QProgressBar | None = None
        if status is not None:
            self._bar = named(QProgressBar(), "background_progress")
            self._bar.setMaximumWidth(220)
            self._bar.setRange(0, 0)  # busy until the work says how much there is
            self._bar.setFormat(f"{label} %v/%m" if label else "%v/%m")
            self._status = status
            self.progressed.connect(self._show_progress)
        self.running = False

    def start(self) -> BackgroundOp:
        gui_gc.install()
        self.running = True
        _RUNNING.add(self)
        if self._bar is not None:
            self._status.addPermanentWidget(self._bar)
            self._bar.show()
            self._status.show()  # a status bar first asked for after its window showed is hidden until told
        if _HOLDS:  # a window is being built: its first paint comes first (PaintHold)
            _WAITING.append(self)
        else:
            QThreadPool.globalInstance().start(_Task(self))
        return self

    def cancel(self) -> None:
        """From now on `progress` raises `Cancelled` in the work and nothing more is reported."""
        self.cancelled.set()

    def _show_progress(self, done: int, total: int) -> None:
        if self._bar is not None:
            self._bar.setRange(0, max(total, 1))
            self._bar.setValue(done)

    def settle(self) -> None:
        """On the GUI thread, once the work is over: lets go of it here and takes the progress bar away."""
        self.ran.wait(5)  # the worker emitted its last signal and is returning: it lets go of its references first
        self.running = False
        self.work = None  # freed here, on the GUI thread
        _RUNNING.discard(self)
        bar, self._bar = self._bar, None
        if bar is not None and Shiboken.isValid(bar) and Shiboken.isValid(self._status):  # the window may be gone
            self._status.removeWidget(bar)
            bar.deleteLater()

    def _done_ok(self, result: object) -> None:
        if self.cancelled.is_set():
            return
        self.settle()
        self.finished.emit()
        self.succeeded.emit(result)

    def _done_failed(self, message: str) -> None:
        if self.cancelled.is_set():
            return
        self.settle()
        self.finished.emit()
        self.failed.emit(message)


def running_under(root: QObject) -> list[BackgroundOp]:
    """The operations started under `root` (a window) and not finished yet, found among the running ones rather than
    by `root.findChildren(BackgroundOp)`, which wraps every widget of a window in Python first (7 ms for the main
    window, on every close; issue 15)."""
    found = []
    for op in list(_RUNNING):
        node = op.parent()
        while node is not None and node is not root:
            node = node.parent()
        if node is root:
            found.append(op)
    return found


def cancel_and_wait(ops: Iterable[BackgroundOp] | None = None, timeout: float = 30.0) -> bool:
    """Cancels the running operations given (all by default) and waits until their workers have returned; call on
    the GUI thread before the objects they report to go (a window closing, the application quitting). True when
    every worker returned within `timeout` seconds."""
    chosen = [op for op in (list(_RUNNING) if ops is None else ops) if op.running]
    for op in chosen:
        op.cancel()
        if op in _WAITING:  # never started: nothing to wait for
            _WAITING.remove(op)
            op.ran.set()
    deadline = time.monotonic() + timeout
    returned = True
    for op in chosen:
        if op.ran.wait(max(0.0, deadline - time.monotonic())):
            op.settle()
        else:
            returned = False
    return returned


def report_failure(parent: QWidget, title: str) -> Callable[[str], None]:
    """A `failed` handler that shows the message in a dialog."""

    def show(message: str) -> None:
        QMessageBox.warning(parent, title or _("Operation failed"), message)

    return show


class PaintHold(QObject):
    """Background work that a window starts while it is built (the deadlines of every client, the search texts)
    waits until the window has painted once (issue 15: on two cores those threads took the second core and much of
    the interpreter while the first client's tabs were drawn, and a quit right after the first paint waited for
    them). Released on the first paint, when the window closes or goes, or when it is still hidden after
    `fallback_ms` (a window built and never shown); `released` then fires."""

    released = Signal()

    def __init__(self, window: QWidget, fallback_ms: int = 300):
        super().__init__(window)
        self._window = window
        key = self._key = id(self)
        _HOLDS.add(key)
        window.installEventFilter(self)
        window.destroyed.connect(lambda *_args: _release(key))
        QTimer.singleShot(fallback_ms, self, self._fallback)

    @property
    def holding(self) -> bool:
        return self._key in _HOLDS

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self.release)  # once this paint is done
        elif watched is self._window and event.type() == QEvent.Type.Close:
            self.release()
        return False

    def _fallback(self) -> None:
        if not self._window.isVisible():
            self.release()

    def release(self) -> None:
        if self._key in _HOLDS:
            _release(self._key)
            self.released.emit()


def _release(key: int) -> None:
    _HOLDS.discard(key)
    if _HOLDS:
        return
    waiting = list(_WAITING)
    _WAITING.clear()
    for op in waiting:
        if op.cancelled.is_set():
            op.ran.set()
        else:
            QThreadPool.globalInstance().start(_Task(op))
