"""What the application forms ask about a person beyond identity and permits (issue 10 §4): place of birth,
phone, an emergency contact, marital status, a resume from age 18 and a residence history (DOMAIN §7.1, §7.3).

Frozen dataclasses like core.records.model; periods are dates (a month's first day when only the month is known),
an open end means "until now".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from core.records.identity import ApplicantId

ResumeId = NewType("ResumeId", int)
ResidenceId = NewType("ResidenceId", int)


class MaritalStatus(StrEnum):
    """婚姻状况 on the PR application form (DOMAIN §7.3)."""

    SINGLE = "single"
    MARRIED = "married"
    DIVORCED = "divorced"
    WIDOWED = "widowed"


@dataclass(frozen=True)
class PersonDetails:
    """One row per person: the form boxes no other record fills (出生地, 申请人电话, 联系人, 婚姻状况)."""

    applicant_id: ApplicantId
    birth_place: str = ""  # as the passport prints it, e.g. "LONDON" or "Seoul, KOR"
    phone: str = ""
    marital_status: MaritalStatus | None = None
    contact_name: str = ""  # emergency contact
    contact_relation: str = ""
    contact_phone: str = ""
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class ResumePeriod:
    """One line of the resume the PR form wants from age 18 (DOMAIN §7.3): studies, work (abroad too) or other
    time. Jobs in China are kept as Employment records and join the resume from there. A period marked `work`
    counts towards the years of work experience (core.eligibility.workpermit.experience)."""

    applicant_id: ApplicantId
    organisation: str  # employer or school
    start_date: dt.date | None = None
    end_date: dt.date | None = None  # None: until now
    position: str = ""  # post, or "student"
    place: str = ""  # country and city
    id: ResumeId | None = None
    work: bool = False  # a job (not studies): counts as work experience
    country: str = ""  # ISO 3166-1 alpha-3 of the place of work or study
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class ResidencePeriod:
    """Where the person lived, in China or abroad, from `start_date` (the PR form's 居住经历)."""

    applicant_id: ApplicantId
    address: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None  # None: until now
    country: str = ""  # ISO 3166-1 alpha-3
    id: ResidenceId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)
