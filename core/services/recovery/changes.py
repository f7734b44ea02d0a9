"""Undo and redo for the window: snapshots of records before and after a change, written back exactly, on the
SQLite file and on a firm's PostgreSQL database (rows found by their primary keys).

The window keeps the snapshots (one per step of its undo stack); this service only reads and writes them. Each
step checks the version its record was left at: undoing over a colleague's newer change is refused (ConflictError),
never silently applied."""
from __future__ import annotations

from collections.abc import Sequence

from core.records.background import PersonDetails, ResidencePeriod, ResumePeriod
from core.records.identity import Applicant, Crossing, Passport
from core.records.model import Address, Attachment, Document, Employment, Filing, IncomeYear, PersonProfile
from core.records.qualifications import Investment, Qualifications, Recommendation
from core.storage.recovery import snapshot
from core.storage.recovery.snapshot import RestoreConflict, Snapshot
from core.storage.repositories.versions import check_unchanged
from core.storage.sqlite.db import Connection, transaction

__all__ = ["TABLES", "ChangeConflict", "ChangeService", "Snapshot", "id_of", "table_of"]

TABLES: dict[type, str] = {Applicant: "applicant", Passport: "passport", Crossing: "crossing", Address: "address",
                           Document: "document", Attachment: "attachment", Employment: "employment",
                           IncomeYear: "income_year", Filing: "filing", PersonProfile: "person_profile",
                           PersonDetails: "person_details", ResumePeriod: "resume_period",
                           ResidencePeriod: "residence_period", Investment: "investment",
                           Recommendation: "recommendation", Qualifications: "qualifications"}


def table_of(record: object) -> str:
    return TABLES[type(record)]


def id_of(record: object) -> int | None:
    """The record's id (a profile is keyed by its person)."""
    if isinstance(record, PersonProfile | PersonDetails | Qualifications):
        return int(record.applicant_id)
    found = getattr(record, "id", None)
    return int(found) if found is not None else None


class ChangeConflict(RuntimeError):
    """The records changed since the snapshot in a way that keeps it from being written back."""


class ChangeService:
    """Snapshots for undo: `before`/`after` an edit, `delete` with everything it takes along, `restore`."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def row(self, table: str, record_id: int) -> Snapshot:
        """A record as it is now (with its link rows), to be written back by `put`."""
        return snapshot.capture_row(self._conn, table, record_id)

    def of(self, record: object) -> Snapshot | None:
        """The stored state of `record` (None for a record not saved yet)."""
        record_id = id_of(record)
        return self.row(table_of(record), record_id) if record_id is not None else None

    def put(self, state: Snapshot, expected: Snapshot | None = None) -> None:
        """Write a record back as `state` holds it (with a new version).

        With `expected` (the state this user's own step left the record in), refused with ConflictError when
        someone else changed the record since: an undo never silently reverts a colleague's change.
        """
        try:
            snapshot.put(self._conn, state, expected)
        except RestoreConflict as exc:  # the record is gone
            raise ChangeConflict(str(exc)) from exc

    def capture(self, table: str, ids: Sequence[int]) -> Snapshot:
        return snapshot.capture(self._conn, table, ids)

    def delete(self, table: str, ids: Sequence[int], versions: Sequence[int] = (),
               expected: Snapshot | None = None) -> Snapshot:
        """Delete records and return what `restore` needs to put every row back with its id.

        With `versions` (those the user saw, in the order of `ids`), or `expected` (the state this user's own
        step left one record in: undoing an add), refused with ConflictError when a record was changed by someone
        else since; nothing is deleted then.
        """
        with transaction(self._conn):
            check_unchanged(self._conn, table, dict(zip(ids, versions, strict=False)))
            if expected is not None:
                snapshot.check(self._conn, expected)
            state = snapshot.capture(self._conn, table, ids)
            snapshot.remove(self._conn, state)
        return state

    def restore(self, state: Snapshot) -> None:
        try:
            snapshot.restore(self._conn, state)
        except RestoreConflict as exc:  # an id was taken again by a change made outside the undo history
            raise ChangeConflict(str(exc)) from exc
