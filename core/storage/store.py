"""One database as the services see it: its repositories and a unit of work that a use case's writes share.

A use case opens `store.work()` once; every repository write inside it joins that transaction (a savepoint of
it, core/storage/sqlite/db.py `transaction`), so the use case commits whole or leaves the database as it was. Another
engine (PostgreSQL) implements the same shape: repositories with the same methods and a `work()` that begins a
transaction or, nested, a savepoint.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING

from core.storage.repositories.repositories import (
    ApplicantRepository,
    CrossingRepository,
    PassportRepository,
    SettingRepository,
)
from core.storage.sqlite.db import Connection, transaction

if TYPE_CHECKING:
    from core.records.identity import ApplicantId
    from core.records.model import PersonRecords
    from core.storage.repositories.case_store import CaseRepository
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


class UnitOfWork:
    """`with work():` around a use case: BEGIN IMMEDIATE … COMMIT (ROLLBACK on any error); nested, a savepoint."""

    def __init__(self, conn: Connection):
        self._conn = conn

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with transaction(self._conn):
            yield


class Store:
    """The repositories of one connection. The people, passports, crossings and settings are built with the store;
    the others, with the record model they bring (some 40 frozen dataclasses), on first use (issue 15: `case list`
    and the empty window need none of them)."""

    def __init__(self, conn: Connection):
        self._conn = conn
        self.work = UnitOfWork(conn)
        self.applicants = ApplicantRepository(conn)
        self.passports = PassportRepository(conn)
        self.crossings = CrossingRepository(conn)
        self.settings = SettingRepository(conn)

    @classmethod
    def on(cls, conn: Connection) -> Store:
        return cls(conn)

    @functools.cached_property
    def profiles(self) -> ProfileRepository:
        from core.storage.repositories.record_repositories import ProfileRepository

        return ProfileRepository(self._conn)

    @functools.cached_property
    def addresses(self) -> AddressRepository:
        from core.storage.repositories.record_repositories import AddressRepository

        return AddressRepository(self._conn)

    @functools.cached_property
    def documents(self) -> DocumentRepository:
        from core.storage.repositories.record_repositories import DocumentRepository

        return DocumentRepository(self._conn)

    @functools.cached_property
    def attachments(self) -> AttachmentRepository:
        from core.storage.repositories.record_repositories import AttachmentRepository

        return AttachmentRepository(self._conn)

    @functools.cached_property
    def employment(self) -> EmploymentRepository:
        from core.storage.repositories.record_repositories import EmploymentRepository

        return EmploymentRepository(self._conn)

    @functools.cached_property
    def income(self) -> IncomeRepository:
        from core.storage.repositories.record_repositories import IncomeRepository

        return IncomeRepository(self._conn)

    @functools.cached_property
    def filings(self) -> FilingRepository:
        from core.storage.repositories.record_repositories import FilingRepository

        return FilingRepository(self._conn)

    @functools.cached_property
    def cases(self) -> CaseRepository:
        from core.storage.repositories.case_store import CaseRepository

        return CaseRepository(self._conn)

    @functools.cached_property
    def deadline_people(self) -> Callable[[dt.date, Iterable[ApplicantId] | None], list[PersonRecords]]:
        """Few queries, many people."""
        from core.storage.repositories.deadline_store import load_for_deadlines

        return partial(load_for_deadlines, self._conn)

    @functools.cached_property
    def qualifications(self) -> QualificationsRepository:
        from core.storage.repositories.qualification_store import QualificationsRepository

        return QualificationsRepository(self._conn)

    @functools.cached_property
    def investments(self) -> InvestmentRepository:
        from core.storage.repositories.qualification_store import InvestmentRepository

        return InvestmentRepository(self._conn)

    @functools.cached_property
    def recommendations(self) -> RecommendationRepository:
        from core.storage.repositories.qualification_store import RecommendationRepository

        return RecommendationRepository(self._conn)
