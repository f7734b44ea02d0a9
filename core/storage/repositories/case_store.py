"""A whole family's records at once, through the other repositories: a case-file import is one unit of work."""
from __future__ import annotations

import dataclasses

from core.records.identity import ApplicantId, PassportId
from core.records.model import CaseRecords, Document, DocumentId, PersonProfile, PersonRecords
from core.storage.repositories.background_repositories import (
    DetailsRepository,
    ResidenceHistoryRepository,
    ResumeRepository,
)
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
from core.storage.repositories.repositories import ApplicantRepository, CrossingRepository, PassportRepository
from core.storage.sqlite.db import Connection, transaction


class CaseRepository:
    """Reads and writes a family (principal, dependants, every record and scan) with the record repositories."""

    def __init__(self, conn: Connection):
        self._conn = conn
        self.applicants = ApplicantRepository(conn)
        self.passports = PassportRepository(conn)
        self.crossings = CrossingRepository(conn)
        self.profiles = ProfileRepository(conn)
        self.addresses = AddressRepository(conn)
        self.documents = DocumentRepository(conn)
        self.attachments = AttachmentRepository(conn)
        self.employment = EmploymentRepository(conn)
        self.income = IncomeRepository(conn)
        self.filings = FilingRepository(conn)
        self.details = DetailsRepository(conn)
        self.resume = ResumeRepository(conn)
        self.residence_history = ResidenceHistoryRepository(conn)
        self.qualifications = QualificationsRepository(conn)
        self.investments = InvestmentRepository(conn)
        self.recommendations = RecommendationRepository(conn)

    def insert(self, case: CaseRecords) -> list[ApplicantId]:
        """Write a case whose ids are local to it (as parsed from a file); returns the new ids, principal first.

        Local ids link the records (a document's passport, an income year's certificates, a dependant's
        principal); they are replaced by the database's ids. Any failure rolls everything back: the repositories'
        writes join this transaction as savepoints.
        """
        people: dict[int, ApplicantId] = {}
        passports: dict[int, PassportId] = {}
        documents: dict[int, Document] = {}
        with transaction(self._conn):
            for person in case.people:
                a = person.applicant
                people[int(a.id or 0)] = ApplicantId(int(self.applicants.add(a).id or 0))
            for person in case.people:
                new_id = people[int(person.applicant.id or 0)]
                p = person.profile
                principal = people[p.principal_id] if p.principal_id is not None else None
                self.profiles.save(PersonProfile(new_id, p.citizenship, principal, p.relation, p.married_on))
                for passport in person.passports:
                    saved = self.passports.add(dataclasses.replace(passport, applicant_id=new_id))
                    passports[int(passport.id or 0)] = PassportId(int(saved.id or 0))
                for d in person.documents:
                    documents[int(d.id or 0)] = self.documents.add(dataclasses.replace(
                        d, applicant_id=new_id, related_id=None,
                        passport_id=passports[d.passport_id] if d.passport_id is not None else None))
            for person in case.people:
                self._write_rest(case, person, people[int(person.applicant.id or 0)], passports, documents)
        return [people[int(p.applicant.id or 0)] for p in case.people]

    def _write_rest(self, case: CaseRecords, person: PersonRecords, new_id: ApplicantId,
                    passports: dict[int, PassportId], documents: dict[int, Document]) -> None:
        """Links between documents, then scans, crossings, addresses, employment, income and filings."""
        for d in person.documents:
            if d.related_id is not None:
                self.documents.update(dataclasses.replace(
                    documents[int(d.id or 0)], related_id=documents[d.related_id].id))
        for att in person.attachments:
            owner = dataclasses.replace(
                att, document_id=documents[att.document_id].id if att.document_id is not None else None,
                passport_id=passports[att.passport_id] if att.passport_id is not None else None)
            self.attachments.add(owner, case.blobs[att.sha256])
        self.crossings.add_many(new_id, person.crossings)
        for address in person.addresses:
            self.addresses.add(dataclasses.replace(address, applicant_id=new_id))
        for job in person.employment:
            self.employment.add(dataclasses.replace(job, applicant_id=new_id))
        for income in person.income:
            self.income.add(dataclasses.replace(income, applicant_id=new_id, certificate_ids=tuple(
                DocumentId(int(documents[c].id or 0)) for c in income.certificate_ids)))
        for filing in person.filings:
            self.filings.add(dataclasses.replace(filing, applicant_id=new_id))
        if person.details is not None:
            self.details.save(dataclasses.replace(person.details, applicant_id=new_id))
        for period in person.resume:
            self.resume.add(dataclasses.replace(period, applicant_id=new_id))
        for place in person.residence_history:
            self.residence_history.add(dataclasses.replace(place, applicant_id=new_id))
        if person.qualifications is not None:
            self.qualifications.save(dataclasses.replace(person.qualifications, applicant_id=new_id))
        for investment in person.investments:
            self.investments.add(dataclasses.replace(investment, applicant_id=new_id))
        for letter in person.recommendations:
            self.recommendations.add(dataclasses.replace(letter, applicant_id=new_id))

    def load_person(self, applicant_id: ApplicantId) -> PersonRecords:
        """Everything about one person, with database ids."""
        return PersonRecords(
            applicant=self.applicants.get(applicant_id),
            profile=self.profiles.get(applicant_id),
            passports=tuple(sorted(self.passports.list_for(applicant_id), key=lambda p: p.id or 0)),
            documents=tuple(self.documents.list_for(applicant_id)),
            attachments=tuple(self.attachments.list_for_applicant(applicant_id)),
            crossings=tuple(self.crossings.list_for(applicant_id)),
            addresses=tuple(self.addresses.list_for(applicant_id)),
            employment=tuple(self.employment.list_for(applicant_id)),
            income=tuple(self.income.list_for(applicant_id)),
            filings=tuple(self.filings.list_for(applicant_id)),
            details=self.details.get(applicant_id),
            resume=tuple(self.resume.list_for(applicant_id)),
            residence_history=tuple(self.residence_history.list_for(applicant_id)),
            qualifications=self.qualifications.find(applicant_id),
            investments=tuple(self.investments.list_for(applicant_id)),
            recommendations=tuple(self.recommendations.list_for(applicant_id)))

    def principal_of(self, applicant_id: ApplicantId) -> ApplicantId:
        profile = self.profiles.get(applicant_id)
        return profile.principal_id if profile.principal_id is not None else applicant_id

    def load(self, principal_id: ApplicantId) -> CaseRecords:
        """The principal, their dependants and every attachment's bytes."""
        principal = self.load_person(principal_id)
        dependants = tuple(self.load_person(d.applicant_id) for d in self.profiles.dependants_of(principal_id))
        blobs = {a.sha256: self.attachments.data(a.id)
                 for p in (principal, *dependants) for a in p.attachments if a.id is not None}
        return CaseRecords(principal, dependants, blobs)
