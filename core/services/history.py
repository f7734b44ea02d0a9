"""The history of changes and the recycle bin (core/storage/history.py; docs/security.md)."""
from __future__ import annotations

import datetime as dt

from core.errors import InputError, Problem
from core.storage import history as changes
from core.storage.db import Connection


class HistoryService:
    def __init__(self, conn: Connection):
        self._conn = conn

    def history(self, applicant_id: int | None = None, limit: int | None = None) -> list[changes.Entry]:
        """Entries newest first, for one client when `applicant_id` is given."""
        return changes.entries(self._conn, applicant_id, limit)

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

    def purge_bin(self, now: dt.datetime, days: int) -> int:
        return changes.purge_bin(self._conn, now, days)
