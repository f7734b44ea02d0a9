"""Other people's saves on a firm database, as the same OpChanges the window's own saves report (issue 13).

`LiveChanges` turns the notices of core/storage/pg/notices.py into one `LiveChange` per burst: the OpChanges of
every entry another session committed, and who made them. Notices from the session's own origin (the window and
the readers it opened) are skipped: the window already applied those once.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.services.op_changes import OpChanges
from core.storage.pg.listener import ChangeListener
from core.storage.pg.notices import Notice

__all__ = ["LiveChange", "LiveChanges", "changes_of"]

_BURST_S = 0.05  # notices of one commit arrive together; wait this long for the rest of a burst
_BURST_MAX = 20  # but under a steady stream of saves, report at least every second


@dataclass(frozen=True)
class LiveChange:
    changes: OpChanges
    who: tuple[str, ...]  # who made them, each once, in the order first seen


def changes_of(notices: list[Notice], own_origin: str) -> LiveChange | None:
    """What the notices of other sessions changed; None when all were this session's own (or none came)."""
    others = [n for n in notices if n.origin != own_origin or not own_origin]
    if not others:
        return None
    changes = OpChanges.from_writes((n.applicant_id, n.table, n.action) for n in others)
    return LiveChange(changes, tuple(dict.fromkeys(n.who for n in others if n.who)))


class LiveChanges:
    """Waits for other sessions' changes on its own connection: `wait` on a worker thread, `wake` to stop it.
    StorageError from `wait` means the connection was lost; the next `wait` connects again."""

    def __init__(self, url: str, own_origin: str):
        self._listener = ChangeListener(url)
        self._origin = own_origin

    @property
    def connected(self) -> bool:
        return self._listener.connected

    def connect(self) -> None:
        self._listener.connect()

    def wait(self, timeout: float) -> LiveChange | None:
        notices = self._listener.wait(timeout)
        for _ in range(_BURST_MAX if notices else 0):
            more = self._listener.wait(_BURST_S)
            if not more:
                break
            notices += more
        return changes_of(notices, self._origin)

    def pause(self, seconds: float) -> bool:
        """Sleep before reconnecting; False when woken to stop."""
        return self._listener.pause(seconds)

    def wake(self) -> None:
        self._listener.wake()

    def close(self) -> None:
        self._listener.close()
