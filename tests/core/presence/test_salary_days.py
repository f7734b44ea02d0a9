"""China work days (TAX35): DOMAIN worked case 1 and a property test against the day-by-day reference."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings

from core.presence.salary_days import Employer, china_work_days
from core.records.identity import Crossing, Direction
from core.ruledata.loader import load_setting_defs
from tests.core.presence.test_days import histories
from tests.core.reference import day_states

D = dt.date


def test_domain_case_1_foreign_employed_counts_half_days():
    # Entered 2021-03-01 10:00, left 2021-03-05 18:00: 3 full days + 0.5 + 0.5 = 4 (DOMAIN case 1).
    trip = [Crossing(D(2021, 3, 1), Direction.ENTRY, dt.time(10, 0)),
            Crossing(D(2021, 3, 5), Direction.EXIT, dt.time(18, 0))]
    got = china_work_days(trip, D(2021, 1, 1), D(2021, 12, 31), Employer.FOREIGN)
    assert (got.full_days, got.partial_days, got.work_days) == (3, 2, Decimal("4.0"))
    assert china_work_days(trip, D(2021, 1, 1), D(2021, 12, 31), Employer.DUAL).work_days == Decimal("4.0")
    # Employed only by a China entity: the older rule counts entry and exit dates as full days.
    assert china_work_days(trip, D(2021, 1, 1), D(2021, 12, 31), Employer.CHINA).work_days == 5


def test_same_day_trip_is_one_partial_day():
    trip = [Crossing(D(2024, 5, 5), Direction.ENTRY, dt.time(9, 0)),
            Crossing(D(2024, 5, 5), Direction.EXIT, dt.time(21, 0))]
    assert china_work_days(trip, D(2024, 1, 1), D(2024, 12, 31), Employer.FOREIGN).work_days == Decimal("0.5")


def test_weight_is_a_setting_with_the_stated_default():
    definition = load_setting_defs()["work_days_partial_day_weight"]
    assert definition.default == 0.5 and definition.provenance.source == "TAX35"


@settings(max_examples=60, deadline=None)
@given(histories())
def test_work_days_match_the_day_by_day_reference(history):
    crossings, end = history
    start = end - dt.timedelta(days=400)
    got = china_work_days(crossings, start, end, Employer.FOREIGN)
    states = day_states(crossings, start, end) if crossings else {}
    expected = sum(Decimal(1) if full else Decimal("0.5") for present, full in states.values() if present)
    assert got.work_days == expected
