"""Use cases for family, documents and scans, employment, income, filings, deadlines and case files.

JuliuService exposes one instance as `service.records`; the UI and the CLI call these methods only.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import InputError, Problem, raise_problems
from core.exchange.case_batch import CaseImportSummary, import_case_files
from core.exchange.casefile import case_to_json, read_case_file, write_case_file
from core.files import session_temp_dir, write_private
from core.i18n import N_, _
from core.records.documents import load_pr_card_validity, pr_card_expiry_warning, sniff_media_type
from core.records.duplicates import DuplicateIndex
from core.records.identity import Applicant, ApplicantId, PassportId
from core.records.limits import MAX_ATTACHMENT_BYTES
from core.records.model import (
    Address,
    Attachment,
    AttachmentId,
    CaseRecords,
    Citizenship,
    Document,
    DocumentId,
    Employment,
    Filing,
    FilingKind,
    FilingStatus,
    IncomeYear,
    PersonProfile,
    PersonRecords,
    Relation,
)
from core.records.validate import (
    validate_address,
    validate_applicant,
    validate_document,
    validate_employment,
    validate_filing,
    validate_income,
    validate_profile,
)
from core.ruledata.loader import Settings
from core.storage.store import Store

if TYPE_CHECKING:
    from core.deadlines import items as dl
    from core.deadlines.config import DeadlineRules, DeadlineSettings
    from core.records.documents import PrCardValidity

DEADLINE_CHUNK = 1000  # clients per step of an interruptible computation (~0.15 s each on this machine's cores)


@dataclass(frozen=True)
class DeadlineReport:
    as_of: dt.date
    items: list[dl.DeadlineItem]
    notes: tuple[str, ...] = ()  # settings that could not be read as written, and similar


class RecordsService:
    """Validates through core, writes through the repositories; every use case is one unit of work."""

    def __init__(self, store: Store, settings: Callable[[], Settings]):
        self._store = store
        self._settings = settings
        self.profiles = store.profiles
        self.addresses = store.addresses
        self.documents = store.documents
        self.attachments = store.attachments
        self.employment = store.employment
        self.income = store.income
        self.filings = store.filings

    # The rules data is read on first use: opening the store for `case list` or the window's first paint needs neither.
    @functools.cached_property
    def rules(self) -> DeadlineRules:
        from core.deadlines.config import load_deadline_rules

        return load_deadline_rules()

    @functools.cached_property
    def pr_card_validity(self) -> PrCardValidity:
        return load_pr_card_validity()

    def applicant(self, applicant_id: ApplicantId) -> Applicant:
        return self._store.applicants.get(applicant_id)

    # --- family -----------------------------------------------------------------------------------------------
    def profile(self, applicant_id: ApplicantId) -> PersonProfile:
        return self.profiles.get(applicant_id)

    def save_profile(self, profile: PersonProfile) -> PersonProfile:
        principal = self.profiles.get(profile.principal_id) if profile.principal_id is not None else None
        problems = validate_profile(profile, principal)
        if profile.principal_id is not None and self.profiles.dependants_of(profile.applicant_id):
            problems.append(Problem("", None, "principal_id", N_("this person is a principal with dependants")))
        raise_problems(problems)
        return self.profiles.save(profile)

    def add_dependant(self, principal_id: ApplicantId, applicant: Applicant, relation: Relation,
                      citizenship: Citizenship = Citizenship.FOREIGN, married_on: dt.date | None = None) -> Applicant:
        """A new person filed with `principal_id` (spouse, child or parent)."""
        raise_problems(validate_applicant(applicant))
        raise_problems(validate_profile(PersonProfile(ApplicantId(-1), citizenship, principal_id, relation, married_on),
                                self.profiles.get(principal_id)))
        with self._store.work():  # the person and their tie to the principal, or neither
            saved = self._store.applicants.add(applicant)
            assert saved.id is not None
            self.profiles.save(PersonProfile(saved.id, citizenship, principal_id, relation, married_on))
        return saved

    def family(self, applicant_id: ApplicantId) -> list[tuple[Applicant, PersonProfile]]:
        """The principal of `applicant_id`'s family first, then the dependants."""
        principal = self._store.cases.principal_of(applicant_id)
        applicants = self._store.applicants
        members = [self.profiles.get(principal), *self.profiles.dependants_of(principal)]
        return [(applicants.get(p.applicant_id), p) for p in members]

    # --- addresses, documents, employment, income, filings ----------------------------------------------------
    def list_addresses(self, applicant_id: ApplicantId) -> list[Address]:
        return self.addresses.list_for(applicant_id)

    def save_address(self, address: Address) -> Address:
        raise_problems(validate_address(address))
        return self.addresses.update(address) if address.id else self.addresses.add(address)

    def list_documents(self, applicant_id: ApplicantId) -> list[Document]:
        return self.documents.list_for(applicant_id)

    def save_document(self, doc: Document) -> tuple[Document, list[str]]:
        """The saved document and warnings that did not block saving (e.g. an assumed check digit)."""
        problems, warnings = validate_document(doc, str(self._settings()["pr_card_check_digit"]))
        if doc.passport_id is not None and all(
                p.id != doc.passport_id for p in self._store.passports.list_for(doc.applicant_id)):
            problems.append(Problem("", None, "passport_id", N_("not a passport of this person")))
        raise_problems(problems)
        card = pr_card_expiry_warning(doc, self._store.applicants.get(doc.applicant_id).birth_date,
                                      self.pr_card_validity)
        warnings += [card] if card else []
        saved = self.documents.update(doc) if doc.id else self.documents.add(doc)
        return saved, warnings

    def delete_document(self, document_id: DocumentId, version: int = 0) -> None:
        self.documents.delete(document_id, version)

    def list_employment(self, applicant_id: ApplicantId) -> list[Employment]:
        return self.employment.list_for(applicant_id)

    def save_employment(self, job: Employment) -> Employment:
        raise_problems(validate_employment(job))
        job = dataclasses.replace(job, credit_code=job.credit_code.strip().upper())
        return self.employment.update(job) if job.id else self.employment.add(job)

    def list_income(self, applicant_id: ApplicantId) -> list[IncomeYear]:
        return self.income.list_for(applicant_id)

    def save_income(self, income: IncomeYear) -> IncomeYear:
        problems = validate_income(income)
        own = {d.id for d in self.documents.list_for(income.applicant_id)}
        problems += [Problem("", None, "certificates", _("document {id} is not this person's").format(id=c))
                     for c in income.certificate_ids if c not in own]
        if any(i.year == income.year and i.id != income.id for i in self.income.list_for(income.applicant_id)):
            problems.append(Problem("", None, "year", _("{year} is already recorded").format(
                year=income.year)))
        raise_problems(problems)
        return self.income.update(income) if income.id else self.income.add(income)

    def list_filings(self, applicant_id: ApplicantId) -> list[Filing]:
        return self.filings.list_for(applicant_id)

    def planned_filing_date(self, applicant_id: ApplicantId, kinds: Collection[FilingKind],
                            today: dt.date) -> dt.date | None:
        """The earliest date, on or after `today`, of a filing of one of `kinds` being prepared (a what-if date)."""
        dates = [f.filing_date for f in self.filings.list_for(applicant_id)
                 if f.kind in kinds and f.status is FilingStatus.PREPARING
                 and f.filing_date is not None and f.filing_date >= today]
        return min(dates, default=None)

    def save_filing(self, filing: Filing) -> Filing:
        raise_problems(validate_filing(filing))
        return self.filings.update(filing) if filing.id else self.filings.add(filing)

    def delete(self, table: str, record_id: int, version: int = 0) -> None:
        """Delete one address, employment, income or filing record (refused when changed since `version`)."""
        repos: dict[str, Any] = {"address": self.addresses, "employment": self.employment, "income": self.income,
                                 "filing": self.filings, "document": self.documents}
        repos[table].delete(record_id, version)

    # --- attachments ------------------------------------------------------------------------------------------
    def add_attachment(self, name: str, data: bytes, *, document_id: DocumentId | None = None,
                       passport_id: PassportId | None = None) -> Attachment:
        """A PDF, JPEG or PNG scan, its type taken from its first bytes, stored in the database."""
        problems = []
        media = sniff_media_type(data)
        if media is None:
            problems.append(Problem(name, None, "", N_("not a PDF, JPEG or PNG file")))
        if len(data) > MAX_ATTACHMENT_BYTES:
            problems.append(Problem(name, None, "", _("larger than {mb} MB").format(
                mb=MAX_ATTACHMENT_BYTES // 2**20)))
        if (document_id is None) == (passport_id is None):
            problems.append(Problem(name, None, "", N_("attach to exactly one document or passport")))
        raise_problems(problems)
        assert media is not None
        return self.attachments.add(Attachment(Path(name).name or "scan", media, len(data),
                                               hashlib.sha256(data).hexdigest(), document_id, passport_id), data)

    def attach_file(self, path: Path, *, document_id: DocumentId | None = None,
                    passport_id: PassportId | None = None) -> Attachment:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError([Problem(str(path), None, "", _("cannot read: {reason}").format(
                reason=exc.strerror or exc))]) from exc
        return self.add_attachment(path.name, data, document_id=document_id, passport_id=passport_id)

    def list_attachments(self, *, document_id: DocumentId | None = None,
                         passport_id: PassportId | None = None) -> list[Attachment]:
        if document_id is not None:
            return self.attachments.list_for_document(document_id)
        return self.attachments.list_for_passport(passport_id) if passport_id is not None else []

    def attachment_data(self, attachment_id: AttachmentId) -> bytes:
        return self.attachments.data(attachment_id)

    def export_attachment(self, attachment: Attachment, folder: Path | None = None) -> Path:
        """A private copy on disk for the system viewer (the database keeps the original); by default in the
        session's temporary folder, which is removed when Juliu exits."""
        assert attachment.id is not None
        target = (folder or session_temp_dir()) / f"{attachment.id}-{Path(attachment.name).name}"
        return write_private(target, self.attachments.data(attachment.id))

    def delete_attachment(self, attachment_id: AttachmentId) -> None:
        self.attachments.delete(attachment_id)

    # --- deadlines --------------------------------------------------------------------------------------------
    def person_records(self, applicant_id: ApplicantId) -> PersonRecords:
        return self._store.cases.load_person(applicant_id)

    def deadline_settings(self) -> DeadlineSettings:
        from core.deadlines.config import DeadlineSettings

        return DeadlineSettings.from_settings(self._settings())

    def deadlines(self, as_of: dt.date, applicant_id: ApplicantId | None = None,
                  within_days: int | None = None) -> DeadlineReport:
        """Items across all applicants (the firm view), or one applicant's, sorted by due date."""
        return self.deadlines_for(as_of, None if applicant_id is None else [applicant_id], within_days)

    def deadlines_for(self, as_of: dt.date, applicant_ids: Iterable[ApplicantId] | None,
                      within_days: int | None = None,
                      progress: Callable[[int, int], None] | None = None) -> DeadlineReport:
        """Items of the given applicants (everyone for None), reading only what the deadline rules use. With
        `progress`, clients are taken in chunks and `progress(done, total)` is called after each: the window's
        computation stops there when it is no longer wanted (the progress call raises)."""
        from core.deadlines import items as dl

        settings = self.deadline_settings()
        if progress is None:
            people = self._store.deadline_people(as_of, applicant_ids)
            items = dl.within(dl.deadlines(people, as_of, self.rules, settings), within_days)
            return DeadlineReport(as_of, items, settings.notes)
        ids = sorted(applicant_ids) if applicant_ids is not None else list(self._store.applicants.ids())
        found: list[dl.DeadlineItem] = []
        for start in range(0, len(ids), DEADLINE_CHUNK):
            people = self._store.deadline_people(as_of, ids[start:start + DEADLINE_CHUNK])
            found += dl.within((i for p in people for i in dl.person_deadlines(p, as_of, self.rules, settings)),
                               within_days)
            progress(min(start + DEADLINE_CHUNK, len(ids)), len(ids))
        return DeadlineReport(as_of, dl.sort_items(found), settings.notes)

    def expected_decision(self, filing: Filing) -> tuple[dt.date, str] | None:
        """The processing estimate for an accepted filing: (date, how it was computed, warnings included)."""
        from core.deadlines import items as dl

        return dl.expected_decision(filing, self.rules, self.deadline_settings())

    def deadlines_ics(self, report: DeadlineReport) -> bytes:
        from core.deadlines.ics import deadlines_ics  # icalendar loads only for an .ics export

        stamp = dt.datetime.combine(report.as_of, dt.time(0, 0), tzinfo=dt.UTC)
        return deadlines_ics(report.items, self.deadline_settings().reminder_lead_days, stamp)

    # --- case files -------------------------------------------------------------------------------------------
    def case_json(self, applicant_id: ApplicantId) -> dict[str, Any]:
        """The family of `applicant_id` (their principal's, if they are a dependant) as case-file JSON."""
        return case_to_json(self._store.cases.load(self._store.cases.principal_of(applicant_id)))

    def export_case(self, applicant_id: ApplicantId, path: Path, passphrase: str | None = None) -> ApplicantId:
        """The family's case file; encrypted (AES-256-GCM, scrypt) when a passphrase is given."""
        principal = self._store.cases.principal_of(applicant_id)
        write_case_file(self._store.cases.load(principal), path, passphrase)
        return principal

    def import_case(self, path: Path, today: dt.date | None = None,
                    passphrase: str | None = None) -> list[ApplicantId]:
        """New records from a case file, principal first; all or nothing. With `today`, a crossing after it that is
        not marked planned is refused, as in a crossings import. An encrypted file needs its passphrase."""
        case = read_case_file(path, today, passphrase)
        with self._store.work():
            return self._store.cases.insert(case)

    def import_cases(self, paths: Sequence[Path], today: dt.date | None = None,
                     passphrase: Callable[[Path], str | None] | None = None, keep_duplicates: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> CaseImportSummary:
        """Many case files, each all or nothing; a file with someone who is a stored client already (passport
        number, or name and date of birth) is held back as a duplicate unless `keep_duplicates`."""
        index = DuplicateIndex(self._store.applicants.list(), self._store.passports.numbers_by_applicant())

        def insert(case: CaseRecords) -> list[ApplicantId]:
            with self._store.work():
                return self._store.cases.insert(case)

        return import_case_files(paths, insert, index, today, passphrase, keep_duplicates, progress)
