"""Reading and writing a whole family's records at once: case-file import is one transaction (all or nothing)."""
from __future__ import annotations

import dataclasses
import sqlite3

from core.records.identity import ApplicantId, PassportId
from core.records.model import CaseRecords, DocumentId, PersonProfile, PersonRecords
from core.storage.db import transaction
from core.storage.record_repositories import (
    ADDRESS,
    DOCUMENT,
    EMPLOYMENT,
    FILING,
    AddressRepository,
    AttachmentRepository,
    DocumentRepository,
    EmploymentRepository,
    FilingRepository,
    IncomeRepository,
    ProfileRepository,
    insert_attachment,
    insert_income,
    insert_profile,
)
from core.storage.repositories import ApplicantRepository, CrossingRepository, PassportRepository


def insert_case(conn: sqlite3.Connection, case: CaseRecords) -> list[ApplicantId]:
    """Write a case whose ids are local to it (as parsed from a file); returns the new ids, principal first.

    Local ids link the records (a document's passport, an income year's certificates, a dependant's principal);
    they are replaced by the database's ids. Any failure rolls everything back.
    """
    people: dict[int, ApplicantId] = {}
    passports: dict[int, PassportId] = {}
    documents: dict[int, DocumentId] = {}
    with transaction(conn):
        for person in case.people:
            a = person.applicant
            people[int(a.id or 0)] = ApplicantId(int(ApplicantRepository(conn).add(a).id or 0))
        for person in case.people:
            new_id = people[int(person.applicant.id or 0)]
            p = person.profile
            principal = people[p.principal_id] if p.principal_id is not None else None
            insert_profile(conn, PersonProfile(new_id, p.citizenship, principal, p.relation, p.married_on))
            for passport in person.passports:
                passports[int(passport.id or 0)] = PassportId(int(PassportRepository(conn).add(
                    dataclasses.replace(passport, applicant_id=new_id)).id or 0))
            for d in person.documents:
                saved = DOCUMENT.insert(conn, dataclasses.replace(
                    d, applicant_id=new_id, related_id=None,
                    passport_id=passports[d.passport_id] if d.passport_id is not None else None))
                documents[int(d.id or 0)] = DocumentId(int(saved.id or 0))
        for person in case.people:
            new_id = people[int(person.applicant.id or 0)]
            for d in person.documents:
                if d.related_id is not None:
                    conn.execute("UPDATE document SET related_id=? WHERE id=?",
                                 (documents[d.related_id], documents[int(d.id or 0)]))
            for att in person.attachments:
                owner = dataclasses.replace(
                    att, document_id=documents[att.document_id] if att.document_id is not None else None,
                    passport_id=passports[att.passport_id] if att.passport_id is not None else None)
                insert_attachment(conn, owner, case.blobs[att.sha256])
            CrossingRepository(conn).add_many(new_id, person.crossings)
            for address in person.addresses:
                ADDRESS.insert(conn, dataclasses.replace(address, applicant_id=new_id))
            for job in person.employment:
                EMPLOYMENT.insert(conn, dataclasses.replace(job, applicant_id=new_id))
            for income in person.income:
                insert_income(conn, dataclasses.replace(
                    income, applicant_id=new_id, certificate_ids=tuple(documents[c] for c in income.certificate_ids)))
            for filing in person.filings:
                FILING.insert(conn, dataclasses.replace(filing, applicant_id=new_id))
    return [people[int(p.applicant.id or 0)] for p in case.people]


def load_person(conn: sqlite3.Connection, applicant_id: ApplicantId) -> PersonRecords:
    """Everything about one person, with database ids."""
    attachments = AttachmentRepository(conn)
    return PersonRecords(
        applicant=ApplicantRepository(conn).get(applicant_id),
        profile=ProfileRepository(conn).get(applicant_id),
        passports=tuple(sorted(PassportRepository(conn).list_for(applicant_id), key=lambda p: p.id or 0)),
        documents=tuple(DocumentRepository(conn).list_for(applicant_id)),
        attachments=tuple(attachments.list_for_applicant(applicant_id)),
        crossings=tuple(CrossingRepository(conn).list_for(applicant_id)),
        addresses=tuple(AddressRepository(conn).list_for(applicant_id)),
        employment=tuple(EmploymentRepository(conn).list_for(applicant_id)),
        income=tuple(IncomeRepository(conn).list_for(applicant_id)),
        filings=tuple(FilingRepository(conn).list_for(applicant_id)))


def principal_of(conn: sqlite3.Connection, applicant_id: ApplicantId) -> ApplicantId:
    profile = ProfileRepository(conn).get(applicant_id)
    return profile.principal_id if profile.principal_id is not None else applicant_id


def load_case(conn: sqlite3.Connection, principal_id: ApplicantId) -> CaseRecords:
    """The principal, their dependants and every attachment's bytes."""
    principal = load_person(conn, principal_id)
    dependants = tuple(load_person(conn, d.applicant_id) for d in ProfileRepository(conn).dependants_of(principal_id))
    repo = AttachmentRepository(conn)
    blobs = {a.sha256: repo.data(a.id) for p in (principal, *dependants) for a in p.attachments if a.id is not None}
    return CaseRecords(principal, dependants, blobs)
