"""Live refresh on a firm database: other people's saves reach this window within a second (issue 13).

A thread of its own waits on the service's change notices (core/services/firm/live.py, a connection of its own that
LISTENs) and hands each burst to the GUI thread by a queued signal; the window applies it exactly as its own
changes. A lost connection is said in the status bar and tried again (1, 2, 5, 10, then every 30 seconds); once
back, everything is read again, since notices sent meanwhile were missed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

from core.i18n import _
from core.storage.sqlite.health import StorageError

if TYPE_CHECKING:
    from core.services.firm.live import LiveChange, LiveChanges

_RETRY_S = (1, 2, 5, 10, 30)
_WAIT_S = 30.0  # one wait; `stop` wakes it at once


class _ListenThread(QThread):
    arrived = Signal(object)  # LiveChange
    lost = Signal(str)
    resumed = Signal()

    def __init__(self, live: LiveChanges, parent: QObject | None = None):
        super().__init__(parent)
        self.live = live
        self.stopping = False

    def run(self) -> None:
        failures = 0
        while not self.stopping:
            try:
                if not self.live.connected:
                    self.live.connect()
                    if failures:
                        failures = 0
                        self.resumed.emit()
                got = self.live.wait(_WAIT_S)
            except StorageError as exc:
                if failures == 0:
                    self.lost.emit(str(exc))
                delay = _RETRY_S[min(failures, len(_RETRY_S) - 1)]
                failures += 1
                if self.stopping or not self.live.pause(delay):
                    return
                continue
            if got is not None and not self.stopping:
                self.arrived.emit(got)


class LiveRefresh(QObject):
    """Started by the window on a firm database; `changed(LiveChange)`, `lost(message)` and `resumed()` arrive on
    the GUI thread. `stop()` ends the thread and closes its connection (the window calls it when closing)."""

    changed = Signal(object)
    lost = Signal(str)
    resumed = Signal()

    def __init__(self, live: LiveChanges, parent: Any = None):
        super().__init__(parent)
        self._live = live
        self._thread = _ListenThread(live)
        self._thread.arrived.connect(self.changed)
        self._thread.lost.connect(self.lost)
        self._thread.resumed.connect(self.resumed)
        self._thread.start()

    @property
    def listening(self) -> bool:
        """Connected and waiting (a notice committed from now on arrives)."""
        return self._thread.isRunning() and self._live.connected

    def stop(self) -> None:
        if self._thread.stopping:
            return
        self._thread.stopping = True
        self._live.wake()
        self._thread.wait()
        self._live.close()


def describe(change: LiveChange) -> str:
    """The status bar's line for a colleague's change."""
    who = ", ".join(change.who) or _("another user")
    return _("Updated with changes saved by {who}").format(who=who)
