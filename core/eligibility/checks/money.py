"""The 6x wage and 20% tax tests per income year (NIA-12, BJ-6x; DOMAIN §6), with every reading computed.

Readings that change a year's outcome make it borderline: the 20% base (open question 3: the threshold, or the
actual wage), and which year's average wage applies (open question 4: the year before the application, or the
year before each tested year; the other reading is checked when the wage table has its figure). A pass that rests on
a substitute statistic (non-private for on-post) or on an L-confidence figure is borderline too.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from core.eligibility.context import Context, Kind, missing_label, next_year, row, unknown
from core.eligibility.facts import IncomeYear
from core.eligibility.labels import statistic_label, zh
from core.eligibility.money import (
    SalaryTaxYear,
    WageFigure,
    cny,
    income_years,
    plain,
    salary_tax_year,
    wage_data_year,
)
from core.eligibility.results import CriterionResult, Verdict, from_readings
from core.eligibility.routes import Criterion
from core.i18n import N_, _
from core.ruledata.loader import setting_label

WAGE_YEAR_TEXT = {"application": N_("the year before the application"),
                  "each_year": N_("the year before each tested year")}
TAX_BASE_TEXT = {"threshold": N_("the wage threshold"), "salary": N_("the actual wage income")}


@dataclass(frozen=True)
class Lookup:
    figure: WageFigure | None
    substituted: bool
    wanted: str  # what was looked for, for "missing" messages


def find_wage(ctx: Context, area: str, year: int) -> Lookup:
    statistic, substitute = ctx.setting("elig_wage_statistic"), ctx.setting("elig_wage_substitute")
    stats = statistic if substitute in ("none", statistic) else f"{statistic} or substitute {substitute}"
    wanted = f"average wage {area} {year} ({stats}) in rules/wages.toml"
    figure = ctx.wages.find(area, year, statistic)
    if figure is None and substitute not in ("none", statistic):
        found = ctx.wages.find(area, year, substitute)
        return Lookup(found, found is not None, wanted)
    return Lookup(figure, False, wanted)


@dataclass(frozen=True)
class YearTests:
    """The tests of one income year under the chosen wage-year reading, and the other one when it has data."""

    income: IncomeYear
    chosen: SalaryTaxYear
    other: SalaryTaxYear | None
    substituted: bool
    other_note: str
    published: SalaryTaxYear | None = None  # before publication: the test with the other candidate year's figure
    published_note: str = ""


def data_year(ctx: Context, income_year: int, reading: str) -> tuple[int, int | None]:
    """(average-wage year used, the other candidate year) for an income year. Before the month the previous year's
    figure is usually published (open question 16), the setting elig_wage_before_publication chooses the latest
    published figure (the year before) or the previous year's as the text says; the other is the alternative."""
    year = wage_data_year(income_year, ctx.day.year, reading)
    if year < ctx.day.year - 1 or ctx.day.month >= int(ctx.setting("elig_wage_published_month")):
        return year, None
    if ctx.setting("elig_wage_before_publication") == "latest_published":
        return year - 1, year
    return year, year - 1


def _year_tests(ctx: Context, c: Criterion, year: int, need_tax: bool) -> YearTests | CriterionResult:
    income = ctx.facts.income_for(year)
    if ctx.facts.income is None:
        return unknown(c, "income records", suffix=str(year))
    if income is None or income.wage_income is None:
        return unknown(c, f"wage income {year}", suffix=str(year))
    if need_tax and income.iit_paid is None:
        return unknown(c, f"IIT paid {year}", suffix=str(year))
    area = income.city or ctx.facts.city
    if not area:
        return unknown(c, f"city of the income {year}", suffix=str(year))
    reading = ctx.setting("elig_wage_year_reading")
    other_reading = "each_year" if reading == "application" else "application"
    multiple, share = c.params["multiple"], c.params.get("share", Decimal("0.20"))
    iit = income.iit_paid if income.iit_paid is not None else Decimal(0)
    tests: list[SalaryTaxYear | None] = []
    lookups = []
    for r in (reading, other_reading):
        lookup = find_wage(ctx, area, data_year(ctx, year, r)[0])
        lookups.append(lookup)
        tests.append(None if lookup.figure is None else
                     salary_tax_year(year, income.wage_income, iit, lookup.figure, multiple, share))
    chosen = tests[0]
    if chosen is None:
        return unknown(c, lookups[0].wanted, suffix=str(year))
    published, published_note = _before_publication(ctx, year, reading, area, income.wage_income, iit, c)
    other_note = "" if tests[1] is not None else _("Other wage-year reading not checked: no {w}.").format(
        w=missing_label(lookups[1].wanted))
    if tests[1] is not None and tests[1].figure == chosen.figure:
        tests[1], other_note = None, ""  # both readings name the same figure
    return YearTests(income, chosen, tests[1], lookups[0].substituted, other_note, published, published_note)


def _before_publication(ctx: Context, year: int, reading: str, area: str, wage: Decimal, iit: Decimal,
                        c: Criterion) -> tuple[SalaryTaxYear | None, str]:
    """The alternative average-wage year of a filing made before publication, tested when the table has it."""
    used, alternative = data_year(ctx, year, reading)
    if alternative is None:
        return None, ""
    setting = _("the setting “{setting}”: {v}, published from month {m}").format(
        setting=setting_label("elig_wage_before_publication"), v=ctx.setting("elig_wage_before_publication"),
        m=ctx.setting("elig_wage_published_month"))
    lookup = find_wage(ctx, area, alternative)
    if lookup.figure is None:
        return None, _("Filed before the {y} average wage is usually published: the {u} figure is used ({s}); "
                       "the {y} figure is not in the wage table yet.").format(y=max(used, alternative), u=used,
                                                                              s=setting)
    test = salary_tax_year(year, wage, iit, lookup.figure, c.params["multiple"], c.params.get("share", Decimal("0.20")))
    return test, _("Filed before the {y} average wage is usually published: the {u} figure is used ({s}); with the "
                   "{a} figure ({f}) the wage threshold is {t}.").format(
        y=max(used, alternative), u=used, s=setting, a=alternative, f=lookup.figure.describe(), t=cny(test.threshold))


def _doubts(t: YearTests, verdict: Verdict) -> tuple[Verdict, list[str]]:
    notes = []
    if t.substituted:
        notes.append(_("{s} figure used because the chosen statistic is missing (the setting “{setting}”).").format(
            s=statistic_label(t.chosen.figure.statistic), setting=setting_label("elig_wage_substitute")))
    if t.chosen.figure.provenance.confidence == "L":
        # the table's note is English data: the Chinese interface says what it means, an estimate
        note = t.chosen.figure.note if not zh() else _("an estimate, not a published figure")
        notes.append(_("The wage figure has confidence L{note}.").format(note=f" ({note})" if note else ""))
    if verdict is Verdict.MET and notes:
        verdict = Verdict.BORDERLINE
    if t.income.expected:
        notes.append(_("Expected figure, not yet certified."))
    return verdict, notes


def check_wage(ctx: Context, c: Criterion) -> list[CriterionResult]:
    results = []
    for year in income_years(ctx.day.year, c.params["years"], ctx.setting("elig_income_years_end")):
        t = _year_tests(ctx, c, year, need_tax=False)
        if isinstance(t, CriterionResult):
            results.append(t)
            continue
        passes = [t.chosen.passes_wage] + [x.passes_wage for x in (t.other, t.published) if x]
        verdict, notes = _doubts(t, from_readings(passes))
        if t.published_note:
            notes.append(t.published_note + " " + _("→ {r}.").format(
                r=_pass(t.published.passes_wage)) if t.published else t.published_note)
        if t.other is not None:
            notes.insert(0, _("Other wage-year reading: threshold {v} ({f}) → {r}.").format(
                v=cny(t.other.threshold), f=t.other.figure.describe(), r=_pass(t.other.passes_wage)))
        if t.other_note:
            notes.append(t.other_note)
        convention = _("{m} × {f}; wage year: {w} (the setting “{setting}”)").format(
            m=c.params["multiple"], f=t.chosen.figure.describe(),
            w=_(WAGE_YEAR_TEXT[ctx.setting("elig_wage_year_reading")]), setting=setting_label("elig_wage_year_reading"))
        results.append(dataclasses.replace(row(c, verdict, plain(t.chosen.wage_income), plain(t.chosen.threshold),
                                               convention, " ".join(notes), suffix=str(year)),
                                           estimate=_illustrative(t)))
    return results


def check_tax(ctx: Context, c: Criterion) -> list[CriterionResult]:
    reading = ctx.setting("elig_tax_share_reading")
    other = "salary" if reading == "threshold" else "threshold"
    results = []
    for year in income_years(ctx.day.year, c.params["years"], ctx.setting("elig_income_years_end")):
        t = _year_tests(ctx, c, year, need_tax=True)
        if isinstance(t, CriterionResult):
            results.append(t)
            continue
        tests = [t.chosen] + [x for x in (t.other, t.published) if x]
        passes = [x.passes_tax(r) for x in tests for r in (reading, other)]
        verdict, notes = _doubts(t, from_readings(passes))
        if t.published_note:
            notes.append(t.published_note + (" " + _("IIT needed: {v} → {r}.").format(
                v=cny(_minimum(t.published, reading)), r=_pass(t.published.passes_tax(reading)))
                if t.published else ""))
        minimum = _minimum(t.chosen, reading)
        notes.insert(0, _("Other 20% reading (of {b}): needs {v} → {r}.").format(
            b=_(TAX_BASE_TEXT[other]), v=cny(_minimum(t.chosen, other)), r=_pass(t.chosen.passes_tax(other))))
        if t.other is not None:
            notes.insert(1, _("Other wage-year reading: needs {v} → {r}.").format(
                v=cny(_minimum(t.other, reading)), r=_pass(t.other.passes_tax(reading))))
        if t.other_note:
            notes.append(t.other_note)
        convention = _("{s} of {b} (the setting “{setting}”); wage threshold {t} from {f}").format(
            s=f"{c.params['share'] * 100:.0f}%", b=_(TAX_BASE_TEXT[reading]),
            setting=setting_label("elig_tax_share_reading"), t=cny(t.chosen.threshold), f=t.chosen.figure.describe())
        results.append(dataclasses.replace(row(c, verdict, plain(t.chosen.iit_paid), plain(minimum), convention,
                                               " ".join(notes), suffix=str(year)), estimate=_illustrative(t)))
    return results


def _illustrative(t: YearTests) -> bool:
    """The threshold comes from a wage figure of confidence L: an estimate wherever it prints (issue 10 §6)."""
    return t.chosen.figure.provenance.confidence == "L"


def _minimum(t: SalaryTaxYear, reading: str) -> Decimal:
    return t.tax_min_threshold_reading if reading == "threshold" else t.tax_min_salary_reading


def _pass(ok: bool) -> str:
    return _("pass") if ok else _("fail")


def check_income_fixed(ctx: Context, c: Criterion) -> list[CriterionResult]:
    """Fixed yearly amounts of wage income and IIT (the older local salary routes: BJ-20, SH, GD), each tested
    year; `strict` means "more than" (Shanghai) rather than "at least"."""
    strict = bool(c.params.get("strict", False))
    wage_min, tax_min = c.params["min_wage"], c.params["min_tax"]
    sign = ">" if strict else "≥"
    convention = _("wage income {s} {w} and IIT {s} {t} in the calendar year").format(
        s=sign, w=cny(wage_min), t=cny(tax_min))
    results = []
    for year in income_years(ctx.day.year, c.params["years"], ctx.setting("elig_income_years_end")):
        income = ctx.facts.income_for(year)
        if ctx.facts.income is None:
            results.append(unknown(c, _("income records"), suffix=str(year)))
            continue
        if income is None or income.wage_income is None or income.iit_paid is None:
            results.append(unknown(c, _("wage income and IIT of {y}").format(y=year), suffix=str(year)))
            continue
        wage_ok = income.wage_income > wage_min if strict else income.wage_income >= wage_min
        tax_ok = income.iit_paid > tax_min if strict else income.iit_paid >= tax_min
        note = _("Wage income {w} → {rw}; IIT {t} → {rt}.").format(
            w=cny(income.wage_income), rw=_pass(wage_ok), t=cny(income.iit_paid), rt=_pass(tax_ok))
        results.append(row(c, Verdict.MET if wage_ok and tax_ok else Verdict.NOT_MET, plain(income.wage_income),
                           plain(wage_min), convention, note, suffix=str(year)))
    return results


KINDS = {
    "wage_multiple": Kind(check_wage, next_year),
    "tax_share": Kind(check_tax, next_year),
    "income_fixed": Kind(check_income_fixed, next_year),
}
