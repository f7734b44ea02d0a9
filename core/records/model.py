"""Records beyond identity and travel: family, addresses, documents, scans, employment, income and filings.

Frozen dataclasses like core.records.identity; money is Decimal CNY (stored as integer fen), never float.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NewType

from core.records.background import PersonDetails, ResidencePeriod, ResumePeriod
from core.records.identity import Applicant, ApplicantId, Crossing, Passport, PassportId
from core.records.qualifications import Investment, Qualifications, Recommendation

DocumentId = NewType("DocumentId", int)
AttachmentId = NewType("AttachmentId", int)
EmploymentId = NewType("EmploymentId", int)
IncomeId = NewType("IncomeId", int)
FilingId = NewType("FilingId", int)
AddressId = NewType("AddressId", int)


class Citizenship(StrEnum):
    FOREIGN = "foreign"
    CHINESE = "chinese_citizen"
    PR_HOLDER = "pr_holder"


class Relation(StrEnum):
    """How a dependant relates to the principal a family files with (M2004 Art. 6(4)-(7); NIA-12). The one
    Relation: stored on a profile and judged by the routes (a grandparent may join a grandchild, M2004 Art. 6(7))."""

    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDPARENT = "grandparent"


@dataclass(frozen=True)
class PersonProfile:
    """Citizenship status and, for a dependant, the principal applicant and relation. `married_on` is the date
    of the marriage of a spouse dependant to the principal (M2004 Art. 6(5) counts years of marriage)."""

    applicant_id: ApplicantId
    citizenship: Citizenship = Citizenship.FOREIGN
    principal_id: ApplicantId | None = None
    relation: Relation | None = None
    married_on: dt.date | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class Address:
    """A home in China from `moved_in`; a move starts the 24-hour registration duty (EEAL Art. 39)."""

    applicant_id: ApplicantId
    moved_in: dt.date
    address: str
    city: str = ""
    time: dt.time | None = None
    id: AddressId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


class DocumentKind(StrEnum):
    """DOMAIN §7.4 and §5; passports are kept apart (core.records.identity.Passport)."""

    VISA = "visa"
    RESIDENCE_PERMIT = "residence_permit"
    WORK_PERMIT = "work_permit"
    WORK_PERMIT_NOTICE = "work_permit_notice"
    PR_CARD = "pr_card"
    ACCOMMODATION_REGISTRATION = "accommodation_registration"
    MEDICAL_VERIFICATION = "medical_verification"
    HEALTH_CERTIFICATE = "health_certificate"
    NO_CRIMINAL_RECORD = "no_criminal_record"
    APOSTILLE = "apostille"
    LEGALISATION = "legalisation"
    EMPLOYMENT_CONTRACT = "employment_contract"
    EMPLOYMENT_CERTIFICATE = "employment_certificate"
    EMPLOYER_RECOMMENDATION = "employer_recommendation"
    EMPLOYER_VERIFICATION = "employer_verification"
    BUSINESS_LICENCE = "business_licence"
    FIE_APPROVAL = "fie_approval"
    WAGE_CERTIFICATE = "wage_certificate"
    TAX_CERTIFICATE = "tax_certificate"
    MARRIAGE_CERTIFICATE = "marriage_certificate"
    BIRTH_CERTIFICATE = "birth_certificate"
    KINSHIP_CERTIFICATE = "kinship_certificate"
    HUKOU = "hukou"
    LEASE = "lease"
    PROPERTY_CERTIFICATE = "property_certificate"
    LIVELIHOOD_PROOF = "livelihood_proof"
    BANK_DEPOSIT = "bank_deposit"
    DEGREE = "degree"
    CHINESE_ORIGIN_PROOF = "chinese_origin_proof"
    CV = "cv"
    PHOTO_RECEIPT = "photo_receipt"
    TRANSLATION = "translation"
    OTHER = "other"


class DegreeLevel(StrEnum):
    """The level of a degree document (its subtype), as the work-permit points table grades it (DOMAIN §3.1)."""

    DOCTORATE = "doctorate"
    MASTER = "master"
    BACHELOR = "bachelor"
    TOP_VOCATIONAL = "top_vocational"  # top international vocational qualification / senior technician
    TECHNICIAN = "technician"
    SENIOR_WORKER = "senior_worker"
    OTHER = "other"


class ResidencePermitType(StrEnum):
    """The purposes on the in-country form (DOMAIN §7.1 item 7)."""

    WORK = "work"
    STUDY = "study"
    JOURNALIST = "journalist"
    FAMILY_REUNION = "family_reunion"
    PERSONAL_AFFAIRS = "personal_affairs"


class WorkPermitCategory(StrEnum):
    A = "A"
    B = "B"
    C = "C"


@dataclass(frozen=True)
class Document:
    """One document of a person. `subtype` holds the RP type or WP category; `passport_id` the passport a visa
    or permit is stuck in; `related_id` the document an apostille, legalisation or translation certifies."""

    applicant_id: ApplicantId
    kind: DocumentKind
    number: str = ""
    issuing_country: str = ""  # ISO alpha-3, e.g. the NCR's country
    issuing_authority: str = ""
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    notes: str = ""
    subtype: str = ""
    passport_id: PassportId | None = None
    related_id: DocumentId | None = None
    id: DocumentId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


class MediaType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"


@dataclass(frozen=True)
class Attachment:
    """A scan attached to a document or a passport (exactly one); the bytes are fetched separately."""

    name: str
    media_type: MediaType
    size: int
    sha256: str
    document_id: DocumentId | None = None
    passport_id: PassportId | None = None
    id: AttachmentId | None = None


class TitleLevel(StrEnum):
    """Post levels that M2004 Art. 6(2) names (DOMAIN §1.3 category 2)."""

    OTHER = "other"
    DEPUTY_GM_OR_ABOVE = "deputy_gm_or_above"  # deputy general manager / deputy factory director or above
    ASSOCIATE_PROFESSOR_OR_ABOVE = "associate_professor_or_above"  # 副高级: assoc. professor / researcher
    EQUIVALENT = "equivalent_treatment"


class EmployerType(StrEnum):
    """Employer types of M2004 Art. 6(2) / Art. 8 (DOMAIN §1.3 category 2)."""

    OTHER = "other"
    STATE_INSTITUTION = "state_institution"  # (a) under a State Council ministry or a provincial government
    KEY_UNIVERSITY = "key_university"  # (b)
    MAJOR_PROJECT = "major_project"  # (c) runs a major national engineering or science project
    HIGH_TECH = "high_tech_enterprise"  # (d)
    ENCOURAGED_FIE = "encouraged_fie"  # (d)
    ADVANCED_TECH_FIE = "advanced_technology_fie"  # (d)
    EXPORT_FIE = "export_oriented_fie"  # (d)


@dataclass(frozen=True)
class Employment:
    applicant_id: ApplicantId
    employer_zh: str
    employer_en: str = ""
    credit_code: str = ""  # unified social credit code, GB 32100-2015
    position: str = ""
    title_level: TitleLevel = TitleLevel.OTHER
    employer_type: EmployerType = EmployerType.OTHER
    start_date: dt.date | None = None
    end_date: dt.date | None = None  # None: current
    city: str = ""  # where the employer is, e.g. "Beijing"
    zone: str = ""  # the development zone it is in, e.g. "zhongguancun" (rules/zones.toml): selects local routes
    id: EmploymentId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class IncomeYear:
    """Wage income and IIT paid in one calendar year, in CNY, with the certificates that prove them."""

    applicant_id: ApplicantId
    year: int
    wage_income: Decimal
    iit_paid: Decimal
    city: str = ""
    certificate_ids: tuple[DocumentId, ...] = ()
    id: IncomeId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


class FilingKind(StrEnum):
    RP_FIRST = "rp_first"
    RP_RENEWAL = "rp_renewal"
    RP_CHANGE = "rp_change"
    WP_NEW = "wp_new"
    WP_EXTENSION = "wp_extension"
    PR_APPLICATION = "pr_application"
    PR_CARD_RENEWAL = "pr_card_renewal"
    OTHER = "other"


class FilingStatus(StrEnum):
    PREPARING = "preparing"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    DECIDED = "decided"


class Decision(StrEnum):
    NONE = ""
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Filing:
    """An application; `filing_date` is the intended date while preparing, then the date it was handed in."""

    applicant_id: ApplicantId
    kind: FilingKind
    city: str = ""
    status: FilingStatus = FilingStatus.PREPARING
    filing_date: dt.date | None = None
    accepted_date: dt.date | None = None
    decision: Decision = Decision.NONE
    decision_date: dt.date | None = None
    notes: str = ""
    id: FilingId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class PersonRecords:
    """Everything kept about one person, as the deadline rules and case files read it."""

    applicant: Applicant
    profile: PersonProfile
    passports: tuple[Passport, ...] = ()
    documents: tuple[Document, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    crossings: tuple[Crossing, ...] = ()
    addresses: tuple[Address, ...] = ()
    employment: tuple[Employment, ...] = ()
    income: tuple[IncomeYear, ...] = ()
    filings: tuple[Filing, ...] = ()
    details: PersonDetails | None = None  # None: nothing of core.records.background recorded
    resume: tuple[ResumePeriod, ...] = ()
    residence_history: tuple[ResidencePeriod, ...] = ()
    qualifications: Qualifications | None = None
    investments: tuple[Investment, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()


@dataclass(frozen=True)
class CaseRecords:
    """A principal and the dependants filed with them, plus attachment bytes keyed by SHA-256."""

    principal: PersonRecords
    dependants: tuple[PersonRecords, ...] = ()
    blobs: dict[str, bytes] = field(default_factory=dict, hash=False)

    @property
    def people(self) -> tuple[PersonRecords, ...]:
        return (self.principal, *self.dependants)
