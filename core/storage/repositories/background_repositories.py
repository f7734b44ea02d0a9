"""SQL for core.records.background: a person's details (one row each), resume and residence-history periods."""
from __future__ import annotations

import dataclasses
from typing import Any

from core.records.background import (
    MaritalStatus,
    PersonDetails,
    ResidenceId,
    ResidencePeriod,
    ResumeId,
    ResumePeriod,
)
from core.records.identity import ApplicantId
from core.storage.repositories.convert import date_in, date_out
from core.storage.repositories.record_repositories import _RecordRepository, _Table
from core.storage.repositories.repositories import NotFoundError
from core.storage.repositories.versions import save_keyed
from core.storage.sqlite.db import Connection, transaction

RESUME = _Table[ResumePeriod](
    "resume_period", ("applicant_id", "start_date", "end_date", "organisation", "position", "place", "work",
                      "country"),
    lambda p: (p.applicant_id, date_out(p.start_date), date_out(p.end_date), p.organisation, p.position, p.place,
               int(p.work), p.country),
    lambda r: ResumePeriod(id=ResumeId(r[0]), applicant_id=ApplicantId(r[1]), start_date=date_in(r[2]),
                           end_date=date_in(r[3]), organisation=str(r[4]), position=str(r[5]), place=str(r[6]),
                           work=bool(r[7]), country=str(r[8])),
    ResumeId)

RESIDENCE = _Table[ResidencePeriod](
    "residence_period", ("applicant_id", "start_date", "end_date", "address", "country"),
    lambda p: (p.applicant_id, date_out(p.start_date), date_out(p.end_date), p.address, p.country),
    lambda r: ResidencePeriod(id=ResidenceId(r[0]), applicant_id=ApplicantId(r[1]), start_date=date_in(r[2]),
                              end_date=date_in(r[3]), address=str(r[4]), country=str(r[5])),
    ResidenceId)

def _gone(applicant_id: ApplicantId) -> PersonDetails:
    raise NotFoundError("person_details", applicant_id)


_DETAIL_COLUMNS = ("birth_place", "phone", "marital_status", "contact_name", "contact_relation", "contact_phone")


class DetailsRepository:
    """A person's form details; a person without a row has none recorded."""

    def __init__(self, conn: Connection):
        self._conn = conn

    @staticmethod
    def _details(applicant_id: ApplicantId, r: Any) -> PersonDetails:
        return PersonDetails(applicant_id, str(r[0]), str(r[1]), MaritalStatus(r[2]) if r[2] else None,
                             str(r[3]), str(r[4]), str(r[5]), int(r[6]))

    def get(self, applicant_id: ApplicantId) -> PersonDetails | None:
        row = self._conn.execute(f"SELECT {', '.join(_DETAIL_COLUMNS)}, version FROM person_details"
                                 " WHERE applicant_id=?", (applicant_id,)).fetchone()
        return self._details(applicant_id, row) if row is not None else None

    def save(self, d: PersonDetails) -> PersonDetails:
        """Refused with ConflictError when the row changed since `d.version` was read (versions.py)."""
        values = (d.birth_place, d.phone, d.marital_status.value if d.marital_status else None, d.contact_name,
                  d.contact_relation, d.contact_phone)
        with transaction(self._conn):
            version = save_keyed(self._conn, "person_details", _DETAIL_COLUMNS, values, d,
                                 lambda: self.get(d.applicant_id) or _gone(d.applicant_id))
        return dataclasses.replace(d, version=version)


class ResumeRepository(_RecordRepository[ResumePeriod]):
    def __init__(self, conn: Connection):
        super().__init__(conn, RESUME, "start_date IS NOT NULL, start_date, id")


class ResidenceHistoryRepository(_RecordRepository[ResidencePeriod]):
    def __init__(self, conn: Connection):
        super().__init__(conn, RESIDENCE, "start_date IS NOT NULL, start_date, id")
