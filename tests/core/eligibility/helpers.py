"""Building facts for eligibility tests: stays as date ranges, the shipped rules, a wage table for any year."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

from core.eligibility.book import RuleBook, load_rule_book
from core.eligibility.engine import evaluate_route
from core.eligibility.facts import ApplicantFacts, Employment, IncomeYear
from core.eligibility.money import WageFigure, WageTable
from core.eligibility.results import RouteResult, Verdict
from core.presence.days import rolling_windows
from core.records.identity import Crossing, Direction
from core.ruledata.loader import Provenance, Settings, load_setting_defs

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)


@lru_cache(maxsize=1)
def shipped_book() -> RuleBook:
    return load_rule_book(setting_defs=load_setting_defs())


def settings(**overrides: Any) -> Settings:
    s = Settings(load_setting_defs())
    for key, value in overrides.items():
        s = s.with_value(key, value)
    return s


def flat_wages(area: str = "Testcity", value: int = 100000, years: range = range(2010, 2035),
               statistic: str = "on_post") -> WageTable:
    """One average wage for every year, so the 6x test depends on the income only."""
    prov = Provenance("WAGE", "H", "")
    return WageTable(tuple(WageFigure(area, y, statistic, Decimal(value), prov) for y in years))


def book_with(wages: WageTable) -> RuleBook:
    return dataclasses.replace(shipped_book(), wages=wages)


def stays(*ranges: tuple[str, str | None], planned_from: str | None = None) -> tuple[Crossing, ...]:
    """Crossings for stays in China given as (entry, exit) dates; exit None = still in China."""
    out = []
    for entry, exit_ in ranges:
        out.append(Crossing(D(entry), Direction.ENTRY))
        if exit_ is not None:
            out.append(Crossing(D(exit_), Direction.EXIT))
    if planned_from:
        out = [dataclasses.replace(c, planned=c.date >= D(planned_from)) for c in out]
    return tuple(out)


def stays_with_counts(end: dt.date, counts: list[int]) -> tuple[Crossing, ...]:
    """One stay inside each rolling year ending on `end` (window 1 first) with that many calendar days.

    Entry and exit both fall inside the window, so its full-day count is two less.
    """
    out: list[Crossing] = []
    for (start, _stop), days in sorted(zip(rolling_windows(end, len(counts)), counts, strict=True)):
        entry = start + 5 * DAY
        out += [Crossing(entry, Direction.ENTRY), Crossing(entry + (days - 1) * DAY, Direction.EXIT)]
    return tuple(out)


def worker(**changes: Any) -> ApplicantFacts:
    """A salaried worker in Testcity since 2015, in China throughout, income 6x/20% with room to spare."""
    base = ApplicantFacts(
        id="worker", name="李雷 LI Lei", birth_date=D("1980-01-15"), city="Testcity",
        crossings=stays(("2014-12-01", None)),
        employment=(Employment(D("2015-01-01"), None, employer="Testco"),),
        income=tuple(IncomeYear(y, Decimal(700000), Decimal(150000)) for y in range(2012, 2035)),
        good_tax_record=True)
    return dataclasses.replace(base, **changes)


def run(route: str, facts: ApplicantFacts, day: str | dt.date, book: RuleBook | None = None,
        **setting_overrides: Any) -> RouteResult:
    b = book or shipped_book()
    when = D(day) if isinstance(day, str) else day
    return evaluate_route(b.routes.get(route), facts, when, b, settings(**setting_overrides))


def rows(result: RouteResult, prefix: str, reading: str | None = None) -> list[Any]:
    """The rows of a criterion; for presence, those of `reading` (default: the leading reading, listed first)."""
    found = [c for c in result.criteria if c.id == prefix or c.id.startswith(prefix + "[")]
    wanted = reading if reading is not None else (found[0].reading if found else "")
    return [c for c in found if c.reading == wanted]


def verdicts(result: RouteResult, prefix: str, reading: str | None = None) -> list[Verdict]:
    return [c.verdict for c in rows(result, prefix, reading)]
