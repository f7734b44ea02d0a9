"""Money rules in exact decimals: the local average-wage table and the 6x wage / 20% tax tests (DOMAIN §1.4, §6).

Amounts are `Decimal` from end to end: the figures are published to the yuan and the thresholds to the fen, and a
float would turn 233,581.20 into 233,581.19999… The 20% test has two readings (open question 3): 20% of the wage
*threshold* (favoured, M) or 20% of the applicant's *actual* wage; both are computed, and a year that passes under
one only is borderline. Which year's average applies (open question 4) is chosen by the caller.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from core.eligibility.labels import area_label, statistic_label
from core.i18n import _
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, field, load_toml

CENT = Decimal("0.01")
STATISTICS = ("on_post", "non_private", "private", "all_caliber")
WAGES_FILE = RULES_DIR / "wages.toml"


def parse_amount(value: Any, path: Path | str, key: str) -> Decimal:
    """An amount of money from a rules or facts file: an integer or a decimal string, never a float."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RulesError(path, key, f"expected an integer or a decimal string such as \"1234.50\", got {value!r}")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise RulesError(path, key, f"not a decimal amount: {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise RulesError(path, key, f"expected a non-negative amount, got {value!r}")
    return amount


def cny(amount: Decimal) -> str:
    """An amount for notes: grouped, two decimals (1,167,906.00)."""
    return f"{amount.quantize(CENT):,}"


def plain(amount: Decimal) -> str:
    """An amount for JSON: exact, two decimals, no grouping (1167906.00)."""
    return str(amount.quantize(CENT))


@dataclass(frozen=True)
class WageFigure:
    """One published average wage: area, the year the data describes, which statistic, RMB per year."""

    area: str
    year: int
    statistic: str
    value: Decimal
    provenance: Provenance
    note: str = ""

    def describe(self) -> str:
        """"Beijing 2021 non_private 194,651.00 (WAGE, H)"; an illustrative figure (L) says it is an estimate."""
        text = _("{area} {year} {statistic} {value} ({source}, {confidence})")
        if self.provenance.confidence == "L":
            text = _("{area} {year} {statistic} {value} ({source}, {confidence}, estimate)")
        return text.format(area=area_label(self.area), year=self.year, statistic=statistic_label(self.statistic),
                           value=cny(self.value), source=self.provenance.source, confidence=self.provenance.confidence)


@dataclass(frozen=True)
class WageTable:
    figures: tuple[WageFigure, ...]
    path: str = ""

    def find(self, area: str, year: int, statistic: str) -> WageFigure | None:
        wanted = area.strip().casefold()
        for f in self.figures:
            if f.year == year and f.statistic == statistic and f.area.casefold() == wanted:
                return f
        return None


def load_wages(path: Path = WAGES_FILE) -> WageTable:
    """The wage table; a missing key, a bad value or a duplicate row is an error naming the file and the key."""
    data = load_toml(path)
    rows = data.get("figure", [])
    if not isinstance(rows, list):
        raise RulesError(path, "figure", "expected an array of tables [[figure]]")
    figures: list[WageFigure] = []
    seen: set[tuple[str, int, str]] = set()
    for i, row in enumerate(rows):
        where = f"figure[{i}]"
        if not isinstance(row, dict):
            raise RulesError(path, where, "expected a table")
        figure = _read_figure(row, path, where)
        key = (figure.area.casefold(), figure.year, figure.statistic)
        if key in seen:
            raise RulesError(path, where, f"duplicate figure for {figure.area} {figure.year} {figure.statistic}")
        seen.add(key)
        figures.append(figure)
    return WageTable(tuple(figures), str(path))


def _read_figure(row: Mapping[str, Any], path: Path, where: str) -> WageFigure:
    area = field(row, "area", str, path, where)
    if not area.strip():
        raise RulesError(path, f"{where}.area", "must not be empty")
    year = field(row, "year", int, path, where)
    if not 1949 <= year <= 2100:
        raise RulesError(path, f"{where}.year", f"not a plausible year: {year}")
    if "value" not in row:
        raise RulesError(path, f"{where}.value", "missing")
    value = parse_amount(row["value"], path, f"{where}.value")
    if value == 0:
        raise RulesError(path, f"{where}.value", "must be greater than zero")
    return WageFigure(area=area.strip(), year=year,
                      statistic=field(row, "statistic", str, path, where, choices=STATISTICS),
                      value=value, provenance=Provenance.read(row, path, where),
                      note=field(row, "note", str, path, where, default=""))


def salary_threshold(average: Decimal, multiple: Decimal) -> Decimal:
    """`multiple` x the average wage (NIA-12: 6x), to the fen."""
    return (average * multiple).quantize(CENT)


def tax_minimum(threshold: Decimal, wage_income: Decimal, share: Decimal, reading: str) -> Decimal:
    """The IIT a year needs: `share` of the wage threshold ("threshold") or of the actual wage ("salary")."""
    base = threshold if reading == "threshold" else wage_income
    return (base * share).quantize(CENT)


@dataclass(frozen=True)
class SalaryTaxYear:
    """The 6x and 20% tests for one income year against one average-wage figure."""

    year: int
    wage_income: Decimal
    iit_paid: Decimal
    figure: WageFigure
    threshold: Decimal
    tax_min_threshold_reading: Decimal
    tax_min_salary_reading: Decimal

    @property
    def passes_wage(self) -> bool:
        return self.wage_income >= self.threshold

    def passes_tax(self, reading: str) -> bool:
        minimum = self.tax_min_threshold_reading if reading == "threshold" else self.tax_min_salary_reading
        return self.iit_paid >= minimum

    @property
    def tax_readings_differ(self) -> bool:
        return self.passes_tax("threshold") != self.passes_tax("salary")


def salary_tax_year(year: int, wage_income: Decimal, iit_paid: Decimal, figure: WageFigure,
                    multiple: Decimal = Decimal(6), share: Decimal = Decimal("0.20")) -> SalaryTaxYear:
    threshold = salary_threshold(figure.value, multiple)
    return SalaryTaxYear(year, wage_income, iit_paid, figure, threshold,
                         tax_minimum(threshold, wage_income, share, "threshold"),
                         tax_minimum(threshold, wage_income, share, "salary"))


def wage_data_year(income_year: int, filing_year: int, reading: str) -> int:
    """The average-wage year for an income year (open question 4): the year before the application, or before
    each tested year."""
    return filing_year - 1 if reading == "application" else income_year - 1


def income_years(filing_year: int, count: int, end: str) -> list[int]:
    """The calendar years tested for a filing: `count` years ending the year before filing (or the filing year)."""
    last = filing_year - 1 if end == "previous_year" else filing_year
    return list(range(last - count + 1, last + 1))
