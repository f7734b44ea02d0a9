"""Records of the domain as frozen dataclasses; storage and rules exchange only these."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

ApplicantId = NewType("ApplicantId", int)
PassportId = NewType("PassportId", int)
CrossingId = NewType("CrossingId", int)


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class PassportType(StrEnum):
    """The 护照种类 boxes of the in-country form (DOMAIN §7.1): 普通 / 公务 / 外交 / 其他."""

    ORDINARY = "ordinary"
    OFFICIAL = "official"
    DIPLOMATIC = "diplomatic"
    OTHER = "other"


class Direction(StrEnum):
    ENTRY = "entry"
    EXIT = "exit"

    @property
    def opposite(self) -> Direction:
        return Direction.EXIT if self is Direction.ENTRY else Direction.ENTRY


@dataclass(frozen=True)
class Applicant:
    """A person whose records Juliu keeps; names in Latin script as in the passport."""

    family_name: str
    given_names: str
    chinese_name: str = ""
    sex: Sex | None = None
    birth_date: dt.date | None = None
    nationality: str = ""  # ISO 3166-1 alpha-3, as printed in passports
    city: str = ""  # city of residence in China, e.g. "Beijing"
    id: ApplicantId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)

    @property
    def latin_name(self) -> str:
        return f"{self.family_name.upper()} {self.given_names}".strip()


@dataclass(frozen=True)
class Passport:
    applicant_id: ApplicantId
    number: str
    issuing_country: str
    issue_date: dt.date | None
    expiry_date: dt.date
    id: PassportId | None = None
    passport_type: PassportType | None = None  # None: not recorded (the form's box stays blank: a finding)
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class Crossing:
    """A border crossing of mainland China, as a local China date with an optional local time (DOMAIN §4)."""

    date: dt.date
    direction: Direction
    time: dt.time | None = None
    port: str = ""
    note: str = ""
    planned: bool = False
    applicant_id: ApplicantId | None = None
    id: CrossingId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)
