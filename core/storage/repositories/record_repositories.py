"""SQL for the records of core.records.model: family, addresses, documents, scans, employment, income, filings.

Each table is described once (_Table). Every write runs in `transaction`: on its own it is a transaction, inside
a use case's unit of work (core/storage/store.py) a savepoint of it, so a use case commits or rolls back whole.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar

from core.records.identity import ApplicantId, PassportId
from core.records.model import (
    Address,
    AddressId,
    Attachment,
    AttachmentId,
    Citizenship,
    Decision,
    Document,
    DocumentId,
    DocumentKind,
    EmployerType,
    Employment,
    EmploymentId,
    Filing,
    FilingId,
    FilingKind,
    FilingStatus,
    IncomeId,
    IncomeYear,
    MediaType,
    PersonProfile,
    Relation,
    TitleLevel,
)
from core.storage.repositories.convert import date_in, date_out, time_in, time_out
from core.storage.repositories.repositories import NotFoundError
from core.storage.repositories.versions import delete_row, save_keyed, update_row
from core.storage.sqlite.db import Connection, transaction

R = TypeVar("R")


def fen_out(amount: Decimal) -> int:
    """CNY as integer fen; callers validate that at most two decimals are given."""
    return int((amount * 100).to_integral_exact())


def fen_in(fen: int) -> Decimal:
    return Decimal(int(fen)).scaleb(-2)


def _opt_int(value: Any) -> Any:
    return int(value) if value is not None else None


class _Table(Generic[R]):
    """One record type's table: its columns (without id), how a record becomes a row and back."""

    def __init__(self, name: str, columns: Sequence[str], values: Callable[[R], tuple[object, ...]],
                 row: Callable[[Any], R], id_of: Callable[[int], object]):
        self.name, self.columns, self.values, self.row, self.id_of = name, tuple(columns), values, row, id_of

    def insert(self, conn: Connection, record: R) -> R:
        marks = ", ".join("?" for _ in self.columns)
        cur = conn.execute(f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})",
                           self.values(record))
        return dataclasses.replace(record, id=self.id_of(int(cur.lastrowid or 0)), version=1)  # type: ignore[type-var]

    def update(self, conn: Connection, record: R) -> R:
        """Refused with ConflictError when the row changed since `record.version` was read (versions.py)."""
        record_id = getattr(record, "id")  # noqa: B009
        version = update_row(conn, self.name, self.columns, self.values(record), record,
                             lambda: self.get(conn, record_id))
        if version is None:
            raise NotFoundError(self.name, record_id)
        return dataclasses.replace(record, version=version)  # type: ignore[type-var]

    def get(self, conn: Connection, record_id: int) -> R:
        found = self.select(conn, "id=?", (record_id,), "id")
        if not found:
            raise NotFoundError(self.name, record_id)
        return found[0]

    def select(self, conn: Connection, where: str, args: Sequence[object], order: str) -> list[R]:
        rows = conn.execute(f"SELECT id, {', '.join(self.columns)}, version FROM {self.name} WHERE {where}"
                            f" ORDER BY {order}", tuple(args))
        return [dataclasses.replace(self.row(r), version=int(r[-1])) for r in rows]  # type: ignore[type-var]


ADDRESS = _Table[Address](
    "address", ("applicant_id", "moved_in", "time", "address", "city"),
    lambda a: (a.applicant_id, date_out(a.moved_in), time_out(a.time), a.address, a.city),
    lambda r: Address(id=AddressId(r[0]), applicant_id=ApplicantId(r[1]), moved_in=date_in(r[2]),  # type: ignore[arg-type]
                      time=time_in(r[3]), address=str(r[4]), city=str(r[5])),
    AddressId)

DOCUMENT = _Table[Document](
    "document", ("applicant_id", "kind", "subtype", "number", "issuing_country", "issuing_authority", "issue_date",
                 "expiry_date", "notes", "passport_id", "related_id"),
    lambda d: (d.applicant_id, d.kind.value, d.subtype, d.number, d.issuing_country, d.issuing_authority,
               date_out(d.issue_date), date_out(d.expiry_date), d.notes, d.passport_id, d.related_id),
    lambda r: Document(id=DocumentId(r[0]), applicant_id=ApplicantId(r[1]), kind=DocumentKind(r[2]),
                       subtype=str(r[3]), number=str(r[4]), issuing_country=str(r[5]), issuing_authority=str(r[6]),
                       issue_date=date_in(r[7]), expiry_date=date_in(r[8]), notes=str(r[9]),
                       passport_id=_opt_int(r[10]), related_id=_opt_int(r[11])),
    DocumentId)

EMPLOYMENT = _Table[Employment](
    "employment", ("applicant_id", "employer_zh", "employer_en", "credit_code", "position", "title_level",
                   "employer_type", "start_date", "end_date", "city", "zone"),
    lambda e: (e.applicant_id, e.employer_zh, e.employer_en, e.credit_code, e.position, e.title_level.value,
               e.employer_type.value, date_out(e.start_date), date_out(e.end_date), e.city, e.zone),
    lambda r: Employment(id=EmploymentId(r[0]), applicant_id=ApplicantId(r[1]), employer_zh=str(r[2]),
                         employer_en=str(r[3]), credit_code=str(r[4]), position=str(r[5]),
                         title_level=TitleLevel(r[6]), employer_type=EmployerType(r[7]),
                         start_date=date_in(r[8]), end_date=date_in(r[9]), city=str(r[10]), zone=str(r[11])),
    EmploymentId)

INCOME = _Table[IncomeYear](
    "income_year", ("applicant_id", "year", "wage_income_fen", "iit_paid_fen", "city"),
    lambda i: (i.applicant_id, i.year, fen_out(i.wage_income), fen_out(i.iit_paid), i.city),
    lambda r: IncomeYear(id=IncomeId(r[0]), applicant_id=ApplicantId(r[1]), year=int(r[2]),
                         wage_income=fen_in(r[3]), iit_paid=fen_in(r[4]), city=str(r[5])),
    IncomeId)

FILING = _Table[Filing](
    "filing", ("applicant_id", "kind", "city", "status", "filing_date", "accepted_date", "decision",
               "decision_date", "notes"),
    lambda f: (f.applicant_id, f.kind.value, f.city, f.status.value, date_out(f.filing_date),
               date_out(f.accepted_date), f.decision.value, date_out(f.decision_date), f.notes),
    lambda r: Filing(id=FilingId(r[0]), applicant_id=ApplicantId(r[1]), kind=FilingKind(r[2]), city=str(r[3]),
                     status=FilingStatus(r[4]), filing_date=date_in(r[5]), accepted_date=date_in(r[6]),
                     decision=Decision(r[7]), decision_date=date_in(r[8]), notes=str(r[9])),
    FilingId)

_ATTACHMENT_COLUMNS = "id, document_id, passport_id, name, media_type, size, sha256"


def _attachment(r: Any) -> Attachment:
    return Attachment(id=AttachmentId(r[0]), document_id=_opt_int(r[1]), passport_id=_opt_int(r[2]), name=str(r[3]),
                      media_type=MediaType(r[4]), size=int(r[5]), sha256=str(r[6]))


def _write_certificates(conn: Connection, income: IncomeYear) -> None:
    conn.execute("DELETE FROM income_certificate WHERE income_id=?", (income.id,))
    conn.executemany("INSERT INTO income_certificate (income_id, document_id, position) VALUES (?, ?, ?)",
                     [(income.id, d, n) for n, d in enumerate(income.certificate_ids)])


# --- repositories -----------------------------------------------------------------------------------------------
PROFILE_COLUMNS = "citizenship, principal_id, relation, married_on, version"


class ProfileRepository:
    """Citizenship and family links; an applicant without a row is a foreign principal."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def get(self, applicant_id: ApplicantId) -> PersonProfile:
        row = self._conn.execute(f"SELECT {PROFILE_COLUMNS} FROM person_profile"
                                 " WHERE applicant_id=?", (applicant_id,)).fetchone()
        return self._profile(applicant_id, row)

    @staticmethod
    def row_of(applicant_id: ApplicantId, row: Any) -> PersonProfile:
        return ProfileRepository._profile(applicant_id, row)

    @staticmethod
    def _profile(applicant_id: ApplicantId, row: Any) -> PersonProfile:
        if row is None:
            return PersonProfile(applicant_id)
        principal = _opt_int(row[1])
        return PersonProfile(applicant_id, Citizenship(row[0]), principal,
                             Relation(row[2]) if principal is not None and row[2] else None, date_in(row[3]),
                             int(row[4]))

    def all(self) -> dict[ApplicantId, PersonProfile]:
        rows = self._conn.execute(f"SELECT applicant_id, {PROFILE_COLUMNS} FROM person_profile")
        return {ApplicantId(r[0]): self._profile(ApplicantId(r[0]), r[1:]) for r in rows}

    def dependants_of(self, principal_id: ApplicantId) -> list[PersonProfile]:
        rows = self._conn.execute(f"SELECT applicant_id, {PROFILE_COLUMNS} FROM person_profile"
                                  " WHERE principal_id=? ORDER BY applicant_id", (principal_id,))
        return [self._profile(ApplicantId(r[0]), r[1:]) for r in rows]

    def save(self, p: PersonProfile) -> PersonProfile:
        """Refused with ConflictError when the row changed since `p.version` was read (versions.py)."""
        values = (p.citizenship.value, p.principal_id, p.relation.value if p.relation else None,
                  date_out(p.married_on))
        with transaction(self._conn):
            version = save_keyed(self._conn, "person_profile", ("citizenship", "principal_id", "relation",
                                                                "married_on"), values, p,
                                 lambda: self.get(p.applicant_id))
        return dataclasses.replace(p, version=version)


class _RecordRepository(Generic[R]):
    """add / update / delete / list_for over one _Table, each change in its own transaction."""

    def __init__(self, conn: Connection, table: _Table[R], order: str):
        self._conn, self._table, self._order = conn, table, order

    def add(self, record: R) -> R:
        with transaction(self._conn):
            return self._table.insert(self._conn, record)

    def update(self, record: R) -> R:
        with transaction(self._conn):
            return self._table.update(self._conn, record)

    def delete(self, record_id: int, version: int = 0) -> None:
        """With the version the user loaded, refused (ConflictError) when someone changed the record since."""
        with transaction(self._conn):
            delete_row(self._conn, self._table.name, record_id, version, lambda: self.get(record_id))

    def get(self, record_id: int) -> R:
        return self._table.get(self._conn, record_id)

    def list_for(self, applicant_id: ApplicantId) -> list[R]:
        return self._table.select(self._conn, "applicant_id=?", (applicant_id,), self._order)

    def list_all(self) -> list[R]:
        return self._table.select(self._conn, "1=1", (), f"applicant_id, {self._order}")


class AddressRepository(_RecordRepository[Address]):
    def __init__(self, conn: Connection):
        super().__init__(conn, ADDRESS, "moved_in, id")


class DocumentRepository(_RecordRepository[Document]):
    def __init__(self, conn: Connection):
        super().__init__(conn, DOCUMENT, "kind, expiry_date, issue_date, id")


class EmploymentRepository(_RecordRepository[Employment]):
    def __init__(self, conn: Connection):
        super().__init__(conn, EMPLOYMENT, "start_date, id")


class FilingRepository(_RecordRepository[Filing]):
    def __init__(self, conn: Connection):
        super().__init__(conn, FILING, "filing_date, id")


class IncomeRepository(_RecordRepository[IncomeYear]):
    """Income years with their certificate links (income_certificate keeps their order)."""

    def __init__(self, conn: Connection):
        super().__init__(conn, INCOME, "year, id")

    def _with_certificates(self, rows: list[IncomeYear]) -> list[IncomeYear]:
        """Only the links of `rows` (reading the whole table per person made a firm's store quadratic)."""
        links: dict[int, list[DocumentId]] = {}
        ids = [int(i.id) for i in rows if i.id is not None]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            for income_id, doc_id in self._conn.execute(
                    f"SELECT income_id, document_id FROM income_certificate WHERE income_id IN ({marks})"
                    " ORDER BY income_id, position", chunk):
                links.setdefault(int(income_id), []).append(DocumentId(int(doc_id)))
        return [dataclasses.replace(i, certificate_ids=tuple(links.get(int(i.id or 0), ()))) for i in rows]

    def add(self, record: IncomeYear) -> IncomeYear:
        with transaction(self._conn):
            saved = INCOME.insert(self._conn, record)
            _write_certificates(self._conn, saved)
        return saved

    def update(self, record: IncomeYear) -> IncomeYear:
        with transaction(self._conn):
            saved = INCOME.update(self._conn, record)
            _write_certificates(self._conn, record)
        return saved

    def get(self, record_id: int) -> IncomeYear:
        return self._with_certificates([super().get(record_id)])[0]

    def list_for(self, applicant_id: ApplicantId) -> list[IncomeYear]:
        return self._with_certificates(super().list_for(applicant_id))

    def list_all(self) -> list[IncomeYear]:
        return self._with_certificates(super().list_all())


class AttachmentRepository:
    """Scans as BLOBs; listing returns metadata only, `data` fetches the bytes of one."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def add(self, a: Attachment, data: bytes) -> Attachment:
        with transaction(self._conn):
            cur = self._conn.execute(
                "INSERT INTO attachment (document_id, passport_id, name, media_type, size, sha256, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (a.document_id, a.passport_id, a.name, a.media_type.value, a.size, a.sha256, data))
        return dataclasses.replace(a, id=AttachmentId(int(cur.lastrowid or 0)))

    def list_for_document(self, document_id: DocumentId) -> list[Attachment]:
        rows = self._conn.execute(f"SELECT {_ATTACHMENT_COLUMNS} FROM attachment WHERE document_id=? ORDER BY id",
                                  (document_id,))
        return [_attachment(r) for r in rows]

    def list_for_passport(self, passport_id: PassportId) -> list[Attachment]:
        rows = self._conn.execute(f"SELECT {_ATTACHMENT_COLUMNS} FROM attachment WHERE passport_id=? ORDER BY id",
                                  (passport_id,))
        return [_attachment(r) for r in rows]

    def list_for_applicant(self, applicant_id: ApplicantId) -> list[Attachment]:
        rows = self._conn.execute(
            f"SELECT {_ATTACHMENT_COLUMNS} FROM attachment WHERE document_id IN"
            " (SELECT id FROM document WHERE applicant_id=?) OR passport_id IN"
            " (SELECT id FROM passport WHERE applicant_id=?) ORDER BY id", (applicant_id, applicant_id))
        return [_attachment(r) for r in rows]

    def data(self, attachment_id: AttachmentId) -> bytes:
        row = self._conn.execute("SELECT data FROM attachment WHERE id=?", (attachment_id,)).fetchone()
        if row is None:
            raise NotFoundError("attachment", attachment_id)
        return bytes(row[0])

    def delete(self, attachment_id: AttachmentId) -> None:
        with transaction(self._conn):
            self._conn.execute("DELETE FROM attachment WHERE id=?", (attachment_id,))
