"""What the work-permit points and the investor, contribution and talent routes need beyond the other records.

One `Qualifications` row per person (experience, months worked in China, HSK level, work region, elite background,
category-A basis, good tax record, approval to keep PR), and two lists: investments and recommendation letters.
Every field of `Qualifications` may be None: not recorded, so the rule that needs it says "unknown" and names it.
The `*_complete` flags say a list holds everything there is, so an empty list reads "none" rather than "unknown".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NewType

from core.errors import Problem
from core.i18n import N_
from core.records.identity import ApplicantId
from core.records.limits import record_problems

InvestmentId = NewType("InvestmentId", int)
RecommendationId = NewType("RecommendationId", int)
MAX_USD = Decimal("100000000000")  # a bound that catches typed-in garbage, not a rule
MAX_HSK = 6
MAX_LOCAL_POINTS = 10  # DOMAIN §3.1: a province may add up to 10 points
MAX_EXPERIENCE_YEARS = 70


class Region(StrEnum):
    """Regions the rules grade: work-permit points (DOMAIN §3.1) and investment minimums (M2004 Art. 7)."""

    WESTERN = "western"
    CENTRAL = "central"
    EASTERN = "eastern"
    NORTHEAST = "northeast"  # old industrial bases (work-permit points)
    POVERTY_COUNTY = "poverty_county"


class EliteItem(StrEnum):
    """The elite-background items of the points table (DOMAIN §3.1)."""

    FOREIGN_TOP_UNIVERSITY = "foreign_top_university"
    FORTUNE500 = "fortune500"
    PATENTS = "patents"
    FIVE_YEARS_IN_CHINA = "five_years_in_china"


class CategoryABasis(StrEnum):
    """A category-A criterion met without points (DOMAIN §3, WP-GUIDE); NONE: known to meet none."""

    NONE = "none"
    TALENT_PROGRAMME = "talent_programme"
    RECOGNISED_AWARD = "recognised_award"
    ENCOURAGED_POST = "encouraged_post"
    INNOVATION_TALENT = "innovation_talent"
    YOUNG_TALENT = "young_talent"


class InvestmentKind(StrEnum):
    """What was invested; real estate, shares and bonds do not count (M2004 Art. 7)."""

    CASH = "cash"
    TECHNOLOGY = "technology"
    PATENT = "patent"
    EQUIPMENT = "equipment"
    REAL_ESTATE = "real_estate"
    SHARES = "shares"
    BONDS = "bonds"
    OTHER = "other"


NOT_COUNTED = (InvestmentKind.REAL_ESTATE, InvestmentKind.SHARES, InvestmentKind.BONDS)


class Recommender(StrEnum):
    """Who wrote a recommendation letter (M2004 Art. 6(3); NIA-12; BJ-20; BJ-6x)."""

    NATIONAL_AUTHORITY = "national_authority"  # a State Council ministry or other national authority
    PROVINCIAL_GOVERNMENT = "provincial_government"
    KEY_ZONE = "key_zone"  # the management of a national key development zone
    ZGC_COMMITTEE = "zgc_committee"  # the Zhongguancun Administrative Committee
    GBA_AUTHORITY = "gba_authority"  # a Greater Bay Area city's talent authority (GBA points standard)
    EMPLOYER = "employer"
    OTHER = "other"


class RecommendationPurpose(StrEnum):
    HIGH_LEVEL_TALENT = "high_level_talent"
    MAJOR_CONTRIBUTION = "major_contribution"
    ZGC_POINTS = "zgc_points"  # 70 points on the ZGC standard
    GBA_POINTS = "gba_points"  # reaches the GBA points standard
    EMPLOYER = "employer"  # the employer's letter (salary route, Beijing)
    OTHER = "other"


@dataclass(frozen=True)
class Qualifications:
    applicant_id: ApplicantId
    experience_years: int | None = None  # work experience in total, anywhere
    months_in_china: int | None = None  # working time in China per year (0–12)
    hsk_level: int | None = None  # 0 = none
    former_chinese_national: bool | None = None
    degree_taught_in_chinese: bool | None = None
    work_region: Region | None = None
    elite: tuple[EliteItem, ...] | None = None  # () = none of them
    category_a: CategoryABasis | None = None
    local_points: int | None = None  # set by the province, 0–10
    good_tax_record: bool | None = None
    retention_approval: bool | None = None  # provincial PSB approval to keep PR (M2004 Art. 20)
    investments_complete: bool = False
    recommendations_complete: bool = False
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class Investment:
    """A direct investment: paid-in registered capital in USD, at or above this amount since `since`."""

    applicant_id: ApplicantId
    amount_usd: Decimal
    since: dt.date | None = None
    region: Region | None = None
    kind: InvestmentKind = InvestmentKind.CASH
    encouraged: bool | None = None  # encouraged industry of the Foreign Investment Catalogue
    company: str = ""
    city: str = ""
    notes: str = ""
    id: InvestmentId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


@dataclass(frozen=True)
class Recommendation:
    applicant_id: ApplicantId
    recommender: Recommender
    purpose: RecommendationPurpose
    issuer: str = ""  # the body's name, e.g. 中关村科技园区管理委员会
    issue_date: dt.date | None = None
    notes: str = ""
    id: RecommendationId | None = None
    version: int = field(default=0, compare=False)  # row version; 0: not loaded (core/storage/repositories/versions.py)


def _p(field: str, message: str) -> Problem:
    return Problem("", None, field, message)


# (field, highest value, message): whole numbers from 0; the message is translated where it is shown.
_RANGES = (("experience_years", MAX_EXPERIENCE_YEARS, N_("expected a whole number from 0 to 70")),
           ("months_in_china", 12, N_("expected a whole number from 0 to 12")),
           ("hsk_level", MAX_HSK, N_("expected a whole number from 0 to 6")),
           ("local_points", MAX_LOCAL_POINTS, N_("expected a whole number from 0 to 10")))


def validate_qualifications(q: Qualifications) -> list[Problem]:
    problems = record_problems(q)
    for name, high, message in _RANGES:
        value = getattr(q, name)
        if value is not None and not 0 <= value <= high:
            problems.append(_p(name, message))
    if q.elite is not None and len(set(q.elite)) != len(q.elite):
        problems.append(_p("elite", N_("an item is listed twice")))
    return problems


def validate_investment(i: Investment) -> list[Problem]:
    problems = record_problems(i)
    if i.amount_usd <= 0 or i.amount_usd > MAX_USD:
        problems.append(_p("amount_usd", N_("expected an amount above 0")))
    elif i.amount_usd != i.amount_usd.quantize(Decimal("0.01")):
        problems.append(_p("amount_usd", N_("at most two decimals")))
    return problems


def validate_recommendation(r: Recommendation) -> list[Problem]:
    return record_problems(r)
