"""SQL for core.records.qualifications: one qualifications row per person, investments and recommendation letters.

Booleans that may be unknown are NULL / 0 / 1; USD amounts are integer cents; the elite items are a comma list
('' = none of them, NULL = not recorded).
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from core.records.identity import ApplicantId
from core.records.qualifications import (
    CategoryABasis,
    EliteItem,
    Investment,
    InvestmentId,
    InvestmentKind,
    Qualifications,
    Recommendation,
    RecommendationId,
    RecommendationPurpose,
    Recommender,
    Region,
)
from core.storage.repositories.convert import date_in, date_out
from core.storage.repositories.record_repositories import _RecordRepository, _Table
from core.storage.repositories.versions import save_keyed
from core.storage.sqlite.db import Connection, transaction

_COLUMNS = ("experience_years", "months_in_china", "hsk_level", "former_chinese_national", "degree_taught_in_chinese",
            "work_region", "elite", "category_a", "local_points", "good_tax_record", "retention_approval",
            "investments_complete", "recommendations_complete")


def _flag_out(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _flag_in(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _int_in(value: Any) -> int | None:
    return None if value is None else int(value)


def cents_out(amount: Decimal) -> int:
    return int((amount * 100).to_integral_exact())


def cents_in(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def _values(q: Qualifications) -> tuple[object, ...]:
    return (q.experience_years, q.months_in_china, q.hsk_level, _flag_out(q.former_chinese_national),
            _flag_out(q.degree_taught_in_chinese), q.work_region.value if q.work_region else None,
            None if q.elite is None else ",".join(i.value for i in q.elite),
            q.category_a.value if q.category_a else None, q.local_points, _flag_out(q.good_tax_record),
            _flag_out(q.retention_approval), int(q.investments_complete), int(q.recommendations_complete))


def _qualifications(applicant_id: ApplicantId, r: Any) -> Qualifications:
    """From the row `SELECT {_COLUMNS}, version`."""
    elite = None if r[6] is None else tuple(EliteItem(x) for x in str(r[6]).split(",") if x)
    return Qualifications(applicant_id, _int_in(r[0]), _int_in(r[1]), _int_in(r[2]), _flag_in(r[3]), _flag_in(r[4]),
                          Region(r[5]) if r[5] else None, elite, CategoryABasis(r[7]) if r[7] else None,
                          _int_in(r[8]), _flag_in(r[9]), _flag_in(r[10]), bool(r[11]), bool(r[12]), int(r[13]))


class QualificationsRepository:
    """One row per person; a person without a row has nothing recorded (every field None)."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def get(self, applicant_id: ApplicantId) -> Qualifications:
        return self.find(applicant_id) or Qualifications(applicant_id)

    def find(self, applicant_id: ApplicantId) -> Qualifications | None:
        """The stored row, or None when the person has none (a case file then carries none)."""
        row = self._conn.execute(f"SELECT {', '.join(_COLUMNS)}, version FROM qualifications WHERE applicant_id=?",
                                 (applicant_id,)).fetchone()
        return None if row is None else _qualifications(applicant_id, row)

    def save(self, q: Qualifications) -> Qualifications:
        """Refused with ConflictError when the row changed since `q.version` was read (versions.py)."""
        with transaction(self._conn):
            version = save_keyed(self._conn, "qualifications", _COLUMNS, _values(q), q,
                                 lambda: self.get(q.applicant_id))
        return dataclasses.replace(q, version=version)


INVESTMENT = _Table[Investment](
    "investment", ("applicant_id", "amount_cents", "since", "region", "kind", "encouraged", "company", "city", "notes"),
    lambda i: (i.applicant_id, cents_out(i.amount_usd), date_out(i.since), i.region.value if i.region else None,
               i.kind.value, _flag_out(i.encouraged), i.company, i.city, i.notes),
    lambda r: Investment(id=InvestmentId(r[0]), applicant_id=ApplicantId(r[1]), amount_usd=cents_in(r[2]),
                         since=date_in(r[3]), region=Region(r[4]) if r[4] else None, kind=InvestmentKind(r[5]),
                         encouraged=_flag_in(r[6]), company=str(r[7]), city=str(r[8]), notes=str(r[9])),
    InvestmentId)

RECOMMENDATION = _Table[Recommendation](
    "recommendation", ("applicant_id", "recommender", "purpose", "issuer", "issue_date", "notes"),
    lambda r: (r.applicant_id, r.recommender.value, r.purpose.value, r.issuer, date_out(r.issue_date), r.notes),
    lambda r: Recommendation(id=RecommendationId(r[0]), applicant_id=ApplicantId(r[1]), recommender=Recommender(r[2]),
                             purpose=RecommendationPurpose(r[3]), issuer=str(r[4]), issue_date=date_in(r[5]),
                             notes=str(r[6])),
    RecommendationId)


class InvestmentRepository(_RecordRepository[Investment]):
    def __init__(self, conn: Connection):
        super().__init__(conn, INVESTMENT, "since, id")


class RecommendationRepository(_RecordRepository[Recommendation]):
    def __init__(self, conn: Connection):
        super().__init__(conn, RECOMMENDATION, "issue_date, id")
