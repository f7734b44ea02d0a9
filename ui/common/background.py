"""Long work off the GUI thread, with progress and errors reported in one place (like Anki's QueryOp).

    op = BackgroundOp(lambda progress: compute(progress), parent=window)
    op.succeeded.connect(show)
    op.start()

The work runs on Qt's global thread pool; it must not touch widgets or the window's database connection (SQLite
connections belong to the thread that opened them): it opens its own through `JuliuService.open` when it reads.
`progress(done, total)` may be called from the work; the signals arrive on the GUI thread.
An error the user can act on (InputError, StorageError, OSError) becomes `failed(message)`; anything else is a bug
and is reported the same way, with its type, instead of vanishing in a worker thread.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QStatusBar, QWidget

from core.errors import InputError
from core.i18n import _
from ui.common.widgets import named

Progress = Callable[[int, int], None]
_RUNNING: set[BackgroundOp] = set()  # keeps an operation alive until its signals have been delivered


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals):
        super().__init__()
        self._work, self._signals = work, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work(lambda done, total: self._signals.progressed.emit(done, total))
        except InputError as exc:
            self._signals.failed.emit(str(exc))
        except OSError as exc:
            self._signals.failed.emit(f"{exc.filename or ''} {exc.strerror or exc}".strip())
        except Exception as exc:  # noqa: BLE001 — reported to the user, never lost in a worker thread
            self._signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self._signals.succeeded.emit(result)


class BackgroundOp(QObject):
    """One piece of work on the thread pool; emits `progressed`, then `succeeded(result)` or `failed(message)`."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None = None,
                 status: QStatusBar | None = None, label: str = ""):
        super().__init__(parent)
        self._work = work
        self._signals = _Signals()
        self._signals.progressed.connect(self.progressed)
        self._signals.succeeded.connect(self._done_ok)
        self._signals.failed.connect(self._done_failed)
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
        self.running = True
        _RUNNING.add(self)
        if self._bar is not None:
            self._status.addPermanentWidget(self._bar)
            self._bar.show()
        QThreadPool.globalInstance().start(_Task(self._work, self._signals))
        return self

    def _show_progress(self, done: int, total: int) -> None:
        if self._bar is not None:
            self._bar.setRange(0, max(total, 1))
            self._bar.setValue(done)

    def _end(self) -> None:
        self.running = False
        _RUNNING.discard(self)
        if self._bar is not None:
            self._status.removeWidget(self._bar)
            self._bar.deleteLater()
            self._bar = None
        self.finished.emit()

    def _done_ok(self, result: object) -> None:
        self._end()
        self.succeeded.emit(result)

    def _done_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)


def report_failure(parent: QWidget, title: str) -> Callable[[str], None]:
    """A `failed` handler that shows the message in a dialog."""

    def show(message: str) -> None:
        QMessageBox.warning(parent, title or _("Operation failed"), message)

    return show
