"""One Employment and one IncomeYear: the facts the rules judge derive from the stored records (`of`), and every
field a record gains is either carried into the fact or named here as one the rules do not read."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from core.eligibility import facts as f
from core.records.identity import ApplicantId
from core.records.model import DocumentId, EmployerType, Employment, EmploymentId, IncomeId, IncomeYear, TitleLevel

A = ApplicantId(7)
# Fields of the stored records that no rule reads: a new field must go into `of` or onto this list, by decision.
RECORD_ONLY = {
    # Employment: employer_en is used when there is no Chinese name; city is resolved to an area by the caller; zone
    # selects local routes for the applicant as a whole (inputs/from_qualifications), not per period.
    "Employment": {"applicant_id", "id", "version", "credit_code", "position", "employer_en", "city", "zone"},
    "IncomeYear": {"applicant_id", "id", "version", "certificate_ids", "city"},  # city: resolved by the caller
}


def test_a_stored_job_becomes_the_fact_the_rules_judge():
    job = Employment(A, "北京某科技有限公司", "Some Tech Ltd", "91110000MA00000000", "CTO",
                     TitleLevel.DEPUTY_GM_OR_ABOVE, EmployerType.HIGH_TECH, dt.date(2019, 3, 1), None,
                     id=EmploymentId(3))
    fact = f.Employment.of(job, "beijing")
    assert fact == f.Employment(dt.date(2019, 3, 1), None, TitleLevel.DEPUTY_GM_OR_ABOVE, EmployerType.HIGH_TECH,
                                "beijing", "北京某科技有限公司")
    assert fact.covers(dt.date(2026, 1, 1)) and not fact.covers(dt.date(2019, 2, 28))
    assert f.Employment.of(dataclasses.replace(job, employer_zh=""), None).employer == "Some Tech Ltd"
    assert f.Employment.of(dataclasses.replace(job, start_date=None), "beijing") is None  # history unknown


def test_a_stored_income_year_becomes_the_fact_the_rules_judge():
    income = IncomeYear(A, 2025, Decimal("1200000.50"), Decimal("240000"), "上海", (DocumentId(4),), IncomeId(9))
    assert f.IncomeYear.of(income, "shanghai") == f.IncomeYear(2025, Decimal("1200000.50"), Decimal("240000"),
                                                               "shanghai", expected=False)


def test_every_record_field_is_carried_or_named_as_record_only():
    for record, fact, probe in ((Employment, f.Employment, _job_probe), (IncomeYear, f.IncomeYear, _income_probe)):
        fields = {x.name for x in dataclasses.fields(record)}
        carried = fields - RECORD_ONLY[record.__name__]
        unknown = RECORD_ONLY[record.__name__] - fields
        assert not unknown, f"{record.__name__}: RECORD_ONLY names fields the record no longer has: {unknown}"
        base = probe()
        for name in sorted(carried):  # changing a carried field changes the fact
            changed = dataclasses.replace(base, **{name: _other(getattr(base, name))})
            assert fact.of(changed, "x") != fact.of(base, "x"), (
                f"{record.__name__}.{name} does not reach {fact.__module__}.{fact.__name__}.of: carry it there, "
                "or add it to RECORD_ONLY in this test if no rule should read it")


def _job_probe() -> Employment:
    return Employment(A, "甲公司", "", "", "", TitleLevel.OTHER, EmployerType.OTHER, dt.date(2020, 1, 1),
                      dt.date(2024, 1, 1))


def _income_probe() -> IncomeYear:
    return IncomeYear(A, 2024, Decimal(1), Decimal(1))


def _other(value: object) -> object:
    if isinstance(value, TitleLevel):
        return TitleLevel.DEPUTY_GM_OR_ABOVE if value is not TitleLevel.DEPUTY_GM_OR_ABOVE else TitleLevel.OTHER
    if isinstance(value, EmployerType):
        return EmployerType.HIGH_TECH if value is not EmployerType.HIGH_TECH else EmployerType.OTHER
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | Decimal):
        return value + 1
    if isinstance(value, str):
        return value + "乙"
    if value is None:
        return dt.date(2025, 1, 1)
    raise AssertionError(f"no other value for {value!r}: extend _other")
