"""The history of changes and the recycle bin (core/storage/recovery/history.py; docs/security.md)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from core.errors import InputError, Problem
from core.services.op_changes import OpChanges
from core.storage.recovery import history as changes
from core.storage.sqlite.db import Connection


class HistoryService:
    def __init__(self, conn: Connection, names: Callable[[], dict[int, str]] = dict):
        self._conn = conn
        self._names = names  # the stored clients' names by applicant id

    def history(self, applicant_id: int | None = None, limit: int | None = None) -> list[changes.Entry]:
        """Entries newest first, for one client when `applicant_id` is given."""
        return changes.entries(self._conn, applicant_id, limit)

    def mark(self) -> int:
        """Where the history stands now; `changes_since(mark)` then says what was written after it."""
        return changes.head(self._conn)

    def changes_since(self, mark: int) -> OpChanges:
        return OpChanges.from_writes(changes.written_since(self._conn, mark))

    def set_staff_name(self, name: str | None) -> None:
        """The name history entries record as who made a change (settings: "Your name"); blank: the OS user."""
        changes.set_user(self._conn, name)

    def client_names(self, entries: Iterable[changes.Entry]) -> dict[int, str]:
        """Applicant id → the client's name (also for clients deleted since, from the history itself)."""
        from core.services.recovery.history_export import client_names

        return client_names(entries, self._names())

    def export_history(self, path: Path, applicant_id: int | None = None) -> int:
        """The history (of one client, or all) as CSV, one line per changed field; returns the entries written."""
        found = self.history(applicant_id)
        if applicant_id is not None:
            found = [e for e in found if e.applicant_id == applicant_id]
        from core.services.recovery.history_export import client_names, write_history_csv

        write_history_csv(path, found, client_names(changes.entries(self._conn), self._names()))
        return len(found)

    def verify_history(self) -> changes.ChainReport:
        return changes.verify(self._conn)

    def recycle_bin(self) -> list[changes.BinItem]:
        return changes.bin_items(self._conn)

    def restore_deleted(self, item_id: int) -> int:
        """Put a deleted record back, with everything deleted with it; the history records the restore."""
        try:
            return changes.restore_from_bin(self._conn, item_id)
        except LookupError as exc:
            raise InputError([Problem("", None, "recycle_bin", str(exc))]) from None

    def bin_filled(self) -> bool:
        return changes.bin_filled(self._conn)

    def purge_bin(self, now: dt.datetime, days: int) -> int:
        return changes.purge_bin(self._conn, now, days)
