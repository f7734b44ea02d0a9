"""What the eligibility rules need to know about one applicant, independent of how records are stored.

Every field may be unknown (None): a route that needs it then gets the verdict "unknown" naming the field. An empty
tuple is different from None: it says "there are none" (no employment, no crossings). Two exceptions, because a
record either exists or not: `family` None means the applicant joins no one, and `pr` None means no PR is held.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from core.eligibility.results import Verdict
from core.records import model as records
from core.records.identity import Crossing
from core.records.model import DegreeLevel, TitleLevel
from core.records.model import EmployerType as EmployerType
from core.records.model import Relation as Relation  # what the applicant is to the principal they join
from core.records.qualifications import Region as RecordRegion


class PersonStatus(StrEnum):
    """A spouse's or relative's standing in China (M2004 Art. 6(5)–(7))."""

    CHINESE_CITIZEN = "chinese_citizen"
    PR_HOLDER = "pr_holder"
    FOREIGN = "foreign"


# The post levels and employer types of M2004 Art. 6(2) / Art. 8 are those of the records (core.records.model), so facts
# built from records need no translation.
PositionLevel = TitleLevel


# Regions are those of the records (an investment's or a work place's region), as with post levels above.
Region = RecordRegion


# Degree levels are those of the records (a degree document's subtype), as with post levels above.
Degree = DegreeLevel


class MaritalStatus(StrEnum):
    UNMARRIED = "unmarried"
    MARRIED = "married"


@dataclass(frozen=True)
class Employment:
    """A period of employment as the rules judge it: derived from a stored record (`of`) or read from a facts
    file, where any figure may be missing. The stored record (core.records.model.Employment) also keeps what the
    rules never read (its id, the credit code, the position's wording)."""

    start: dt.date
    end: dt.date | None = None  # None: still employed ("if nothing else changes")
    position_level: PositionLevel | None = None
    employer_type: EmployerType | None = None
    city: str | None = None
    employer: str = ""

    @classmethod
    def of(cls, job: records.Employment, city: str | None) -> Employment | None:
        """The stored job as a fact, in the applicant's `city`; None when it has no start date (history unknown)."""
        if job.start_date is None:
            return None
        return cls(job.start_date, job.end_date, job.title_level, job.employer_type, city,
                   job.employer_zh or job.employer_en)

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class IncomeYear:
    """Wage income and IIT paid in one calendar year, in CNY, as the rules judge it: derived from a stored record
    (`of`) or read from a facts file, where `expected` marks a figure not yet certified."""

    year: int
    wage_income: Decimal | None = None
    iit_paid: Decimal | None = None
    city: str | None = None
    expected: bool = False

    @classmethod
    def of(cls, income: records.IncomeYear, city: str | None) -> IncomeYear:
        """The stored year as a fact; `city` is the area its figures count for (the record's, resolved)."""
        return cls(income.year, income.wage_income, income.iit_paid, city)


@dataclass(frozen=True)
class Marriage:
    date: dt.date
    spouse_status: PersonStatus | None = None


@dataclass(frozen=True)
class Investment:
    """Paid-in registered capital of a direct investment (M2004 Art. 7), in USD."""

    amount_usd: Decimal
    region: Region | None = None
    encouraged: bool | None = None  # encouraged industry of the Foreign Investment Catalogue
    stable_since: dt.date | None = None  # at or above the amount without interruption since this date


@dataclass(frozen=True)
class FamilyLink:
    """The applicant's tie to a principal: a PR applicant they join (dependants) or a relative in China."""

    relation: Relation
    principal_route: str | None = None  # route id the principal applies under or was granted
    principal_status: PersonStatus | None = None
    principal_verdict: Verdict | None = None  # used when the principal's own facts are not given
    principal: ApplicantFacts | None = None


@dataclass(frozen=True)
class PrStatus:
    card_issue_date: dt.date | None = None
    retention_approval: bool | None = None  # provincial PSB approval for the 1-year-in-5 rule (M2004 Art. 20)


@dataclass(frozen=True)
class WorkPermitFacts:
    """Inputs of the work-permit points table (DOMAIN §3.1)."""

    annual_salary_cny: Decimal | None = None  # paid by the China employer
    education: Degree | None = None
    experience_years: int | None = None
    months_in_china: int | None = None  # per year
    hsk_level: int | None = None  # 0 = none
    former_chinese_national: bool | None = None
    degree_taught_in_chinese: bool | None = None
    region: Region | None = None  # work location
    elite: tuple[str, ...] | None = None  # e.g. fortune500, foreign_top_university, patents, five_years_in_china
    local_points: int | None = None  # set by the province, 0–10
    direct_a: bool | None = None  # meets a category-A criterion directly (talent programme, award, 6x salary…)
    age: int | None = None  # overrides the age computed from the birth date


@dataclass(frozen=True)
class ApplicantFacts:
    id: str | int | None = None
    name: str = ""
    birth_date: dt.date | None = None
    nationality: str | None = None
    city: str | None = None  # default locality for income years that name none
    zone: str | None = None  # the employer's development zone, e.g. "zhongguancun" (selects local routes)
    chinese_origin: bool | None = None
    highest_degree: Degree | None = None
    marital_status: MaritalStatus | None = None
    crossings: tuple[Crossing, ...] | None = None  # recorded and planned
    employment: tuple[Employment, ...] | None = None
    income: tuple[IncomeYear, ...] | None = None
    marriage: Marriage | None = None
    family: FamilyLink | None = None  # None: not applying as anyone's relative
    investments: tuple[Investment, ...] | None = None
    good_tax_record: bool | None = None
    talent_recommended: bool | None = None
    major_contribution_recommended: bool | None = None
    zgc_recommended: bool | None = None  # 70 points on the ZGC standard, recommended by the ZGC committee (BJ-20)
    gba_points_recommended: bool | None = None  # reaches the Greater Bay Area points standard (ZS)
    talent_rp: bool | None = None  # holds a work-type residence permit annotated 人才 (talent) (ZS)
    no_relatives_abroad: bool | None = None
    livelihood_and_home: bool | None = None  # stable livelihood and a home in China
    pr: PrStatus | None = None  # None: holds no PR
    residence_permit_expiry: dt.date | None = None
    work_permit_expiry: dt.date | None = None
    documents: frozenset[str] | None = None  # kinds of documents held, e.g. "marriage_certificate"
    work_permit: WorkPermitFacts | None = None

    def income_for(self, year: int) -> IncomeYear | None:
        for row in self.income or ():
            if row.year == year:
                return row
        return None

    def is_married(self) -> bool | None:
        if self.marital_status is not None:
            return self.marital_status is MaritalStatus.MARRIED
        return True if self.marriage is not None else None


# Facts a `flag` criterion may name, with how to read them.
FLAG_FACTS: dict[str, Callable[[ApplicantFacts], bool | None]] = {
    "chinese_origin": lambda f: f.chinese_origin,
    "good_tax_record": lambda f: f.good_tax_record,
    "talent_recommended": lambda f: f.talent_recommended,
    "major_contribution_recommended": lambda f: f.major_contribution_recommended,
    "zgc_recommended": lambda f: f.zgc_recommended,
    "gba_points_recommended": lambda f: f.gba_points_recommended,
    "talent_rp": lambda f: f.talent_rp,
    "no_relatives_abroad": lambda f: f.no_relatives_abroad,
    "livelihood_and_home": lambda f: f.livelihood_and_home,
    "retention_approval": lambda f: f.pr.retention_approval if f.pr else None,
    "pr_holder": lambda f: f.pr is not None,
    "zone_zhongguancun": lambda f: None if f.zone is None else f.zone.casefold() in ("zhongguancun", "中关村"),
}

# Date facts a `deadline` criterion may name.
DATE_FACTS: dict[str, Callable[[ApplicantFacts], dt.date | None]] = {
    "residence_permit_expiry": lambda f: f.residence_permit_expiry,
    "work_permit_expiry": lambda f: f.work_permit_expiry,
}


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years on `day`; a 29 February birthday falls on 28 February in other years (core.presence.days)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    if birth.month == 2 and birth.day == 29 and day.month == 2 and day.day == 28 and not _leap(day.year):
        years += 1
    return years


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
