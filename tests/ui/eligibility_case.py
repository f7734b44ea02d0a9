"""A realistic applicant for the Eligibility tab: a deputy GM in Beijing, married to a Chinese citizen."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from core.eligibility.book import load_rule_book
from core.eligibility.engine import assess
from core.eligibility.facts import (
    ApplicantFacts,
    Degree,
    EmployerType,
    Employment,
    IncomeYear,
    MaritalStatus,
    Marriage,
    PersonStatus,
    PositionLevel,
    Region,
    WorkPermitFacts,
)
from core.eligibility.results import EligibilityReport
from core.records.identity import Crossing, Direction
from core.ruledata.loader import Settings, load_setting_defs

D = dt.date.fromisoformat
DEFS = load_setting_defs()
BOOK = load_rule_book(setting_defs=DEFS)


def trip(out: str, back: str) -> list[Crossing]:
    return [Crossing(D(out), Direction.EXIT, port="PEK"), Crossing(D(back), Direction.ENTRY, port="PEK")]


WANG = ApplicantFacts(
    id="wang-xiaoming", name="王小明 WANG Xiaoming", birth_date=D("1982-04-03"), nationality="CAN", city="Beijing",
    chinese_origin=False, highest_degree=Degree.MASTER, marital_status=MaritalStatus.MARRIED,
    crossings=tuple([Crossing(D("2017-08-25"), Direction.ENTRY, port="PEK"),
                     *trip("2018-07-20", "2018-08-12"), *trip("2019-07-15", "2019-08-05"),
                     *trip("2020-01-20", "2020-09-15"), *trip("2021-12-20", "2022-01-08")]),
    employment=(Employment(D("2017-09-01"), None, PositionLevel.DEPUTY_GM_OR_ABOVE,
                           EmployerType.HIGH_TECH, "Beijing", "北京某科技有限公司"),),
    income=tuple(IncomeYear(y, Decimal(1250000), Decimal(255000), "Beijing") for y in range(2018, 2022)),
    marriage=Marriage(D("2019-10-01"), PersonStatus.CHINESE_CITIZEN), investments=(), good_tax_record=True,
    talent_recommended=False, major_contribution_recommended=False, no_relatives_abroad=False,
    livelihood_and_home=True, residence_permit_expiry=D("2022-08-31"), work_permit_expiry=D("2022-04-10"),
    documents=frozenset({"marriage_certificate"}),
    work_permit=WorkPermitFacts(Decimal(1250000), Degree.MASTER, 16, 11, 3, False, False, Region.EASTERN,
                                ("fortune500",), 0))


def evaluator(facts: ApplicantFacts = WANG, settings: Settings | None = None):
    # The case files in March 2022 with the 2021 figure, as the text reads "previous year" (open question 16).
    chosen = settings or Settings(DEFS).with_value("elig_wage_before_publication", "previous_year")

    def run(day: dt.date, planned: Sequence[Crossing]) -> EligibilityReport:
        with_trips = dataclasses.replace(facts, crossings=(*(facts.crossings or ()), *planned))
        return assess(with_trips, day, BOOK, chosen)
    return run
