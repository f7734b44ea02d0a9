"""One database as the services see it: its repositories and a unit of work that a use case's writes share.

A use case opens `store.work()` once; every repository write inside it joins that transaction (a savepoint of
it, core/storage/sqlite/db.py `transaction`), so the use case commits whole or leaves the database as it was. Another
engine (PostgreSQL) implements the same shape: repositories with the same methods and a `work()` that begins a
transaction or, nested, a savepoint.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from core.records.identity import ApplicantId
from core.records.model import PersonRecords
from core.storage.repositories.case_store import CaseRepository
from core.storage.repositories.deadline_store import load_for_deadlines
from core.storage.repositories.qualification_store import (
    InvestmentRepository,
    QualificationsRepository,
    RecommendationRepository,
)
from core.storage.repositories.record_repositories import (
    AddressRepository,
    AttachmentRepository,
    DocumentRepository,
    EmploymentRepository,
    FilingRepository,
    IncomeRepository,
    ProfileRepository,
)
from core.storage.repositories.repositories import (
    ApplicantRepository,
    CrossingRepository,
    PassportRepository,
    SettingRepository,
)
from core.storage.sqlite.db import Connection, transaction


class UnitOfWork:
    """`with work():` around a use case: BEGIN IMMEDIATE … COMMIT (ROLLBACK on any error); nested, a savepoint."""

    def __init__(self, conn: Connection):
        self._conn = conn

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with transaction(self._conn):
            yield


@dataclass(frozen=True)
class Store:
    work: UnitOfWork
    applicants: ApplicantRepository
    passports: PassportRepository
    crossings: CrossingRepository
    settings: SettingRepository
    profiles: ProfileRepository
    addresses: AddressRepository
    documents: DocumentRepository
    attachments: AttachmentRepository
    employment: EmploymentRepository
    income: IncomeRepository
    filings: FilingRepository
    cases: CaseRepository
    deadline_people: Callable[[dt.date, Iterable[ApplicantId] | None], list[PersonRecords]]  # few queries, many people
    qualifications: QualificationsRepository
    investments: InvestmentRepository
    recommendations: RecommendationRepository

    @classmethod
    def on(cls, conn: Connection) -> Store:
        return cls(UnitOfWork(conn), ApplicantRepository(conn), PassportRepository(conn), CrossingRepository(conn),
                   SettingRepository(conn), ProfileRepository(conn), AddressRepository(conn), DocumentRepository(conn),
                   AttachmentRepository(conn), EmploymentRepository(conn), IncomeRepository(conn),
                   FilingRepository(conn), CaseRepository(conn), partial(load_for_deadlines, conn),
                   QualificationsRepository(conn), InvestmentRepository(conn), RecommendationRepository(conn))
