"""The packet's summaries from records: days present against the route's presence condition, wage and tax against
the 6x / 20% thresholds, and the eligibility engine's verdict, as PacketContent summaries (both languages).

Pure: crossings, income records, the wage table and settings in; the thresholds come from rules/ and settings,
and every summary says which reading it used.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.eligibility.labels import area_zh
from core.eligibility.money import (
    SalaryTaxYear,
    WageFigure,
    WageTable,
    cny,
    income_years,
    salary_tax_year,
    wage_data_year,
)
from core.eligibility.results import JsonValue, RouteResult
from core.packets.content import (
    VERDICT_TEXT,
    Criterion,
    EligibilitySummary,
    IncomeRow,
    IncomeSummary,
    PresenceRow,
    PresenceSummary,
    Text,
    Verdict,
)
from core.presence.config import UNIT_SETTINGS, PrCondition, PresenceConfig
from core.presence.days import sequence_problems, sort_crossings
from core.presence.projection import ROLLING_SUM, YEAR_TO_DATE, parse_condition
from core.presence.report import presence_report
from core.records.identity import Crossing
from core.records.model import IncomeYear
from core.ruledata.loader import Provenance, Settings

# The presence condition of rules/presence.toml each eligibility route is judged on (DOMAIN §1, §4.1).
PRESENCE_BY_ROUTE = {"pr-salary-tax": "salary_tax", "pr-spouse": "spouse", "pr-position": "position_holder",
                     "pr-retention": "retention"}
DEFAULT_YEARS = 3
STATISTIC_TEXT = {"on_post": ("城镇在岗职工", "on-post"), "non_private": ("城镇非私营单位就业人员", "non-private"),
                  "private": ("城镇私营单位就业人员", "private"),
                  "all_caliber": ("全口径城镇单位就业人员", "all-caliber")}
COUNT_NOTES = (Text("日历在境天数：当天任何时间在中国大陆境内即计入；满24小时天数：全天在境内的日期（TAX34）。",
                    "Calendar days: any presence on the date counts. Full days: dates spent entirely in mainland "
                    "China (TAX34)."),
               Text("按已记录的出入境计算；最后一次记录之后视为保持该状态至申请日。",
                    "Counted from the recorded crossings; after the last one the applicant is taken to stay as it "
                    "left them until the filing date."))


def _verdict(calendar: int, full: int, minimum: int) -> Verdict:
    """DOMAIN §4.1: no official count, so both counts passing is met, the calendar count alone borderline."""
    if calendar >= minimum and full >= minimum:
        return Verdict.MET
    return Verdict.BORDERLINE if calendar >= minimum else Verdict.NOT_MET


def _threshold(pr: PrCondition, minimum: int) -> Text:
    units = re.findall(r">=\s*(\d+[my])", pr.condition)
    keys = ", ".join(dict.fromkeys(UNIT_SETTINGS[u] for u in units if u in UNIT_SETTINGS))
    setting = f"（设置 {keys}）" if keys else ""
    return Text(f"{pr.label_zh}，按{minimum}天计{setting}（{pr.provenance.source}，{pr.provenance.confidence}）",
                f"{pr.label_en}, counted as {minimum} days{f' (setting {keys})' if keys else ''} "
                f"({pr.provenance.source}, {pr.provenance.confidence})")


def _first_year(filing_date: dt.date, years: int, ordered: Sequence[Crossing], required: int | None) -> int:
    """The route's years; without a condition, none before the first recorded crossing."""
    first = filing_date.year - years
    return first if required is not None else max(first, ordered[0].date.year)


def presence_summary(crossings: Sequence[Crossing], filing_date: dt.date, config: PresenceConfig,
                     pr: PrCondition | None) -> PresenceSummary | None:
    """Calendar years and rolling years before the filing date, judged on the route's condition if it has one."""
    ordered = sort_crossings(crossings)
    if not ordered:
        return None
    clause = parse_condition(pr.condition, config.units).clauses[0] if pr else None
    years = clause.years if clause and clause.years else (5 if clause else DEFAULT_YEARS)
    minimum = min(t.minimum for t in clause.terms) if clause else None
    report = presence_report(ordered, filing_date, config, filing_date, years)
    per_row = minimum if clause is not None and clause.form != ROLLING_SUM else None
    counts = {y.year: y for y in report.years}
    calendar = tuple(PresenceRow(str(y), counts[y].calendar_days if y in counts else 0,
                                 counts[y].full_days if y in counts else 0, per_row,
                                 _verdict(counts[y].calendar_days, counts[y].full_days, per_row)
                                 if per_row and y in counts else None)
                     for y in range(_first_year(filing_date, years, ordered, per_row), filing_date.year))
    rolling = tuple(PresenceRow(f"{w.start.isoformat()} – {w.end.isoformat()}", w.calendar_days, w.full_days,
                                per_row, _verdict(w.calendar_days, w.full_days, per_row) if per_row else None)
                    for w in reversed(report.rolling or []))
    notes = list(COUNT_NOTES)
    if clause is not None and clause.form == ROLLING_SUM and minimum is not None:
        total_c, total_f = sum(r.calendar_days for r in rolling), sum(r.full_days for r in rolling)
        verdict = _verdict(total_c, total_f, minimum)
        word = VERDICT_TEXT[verdict]
        notes.insert(0, Text(f"{years}个滚动年合计：日历在境 {total_c} 天，满24小时 {total_f} 天；要求 {minimum} 天"
                             f"（{word.zh}）", f"Total over the {years} rolling years: {total_c} calendar days, "
                             f"{total_f} full days; required {minimum} ({word.en})"))
    elif clause is not None and clause.form != YEAR_TO_DATE:
        notes.insert(0, Text("以申请日往前推算的滚动年为准（M2004 第六条）；日历年另一种理解，仅供参考（开放问题1）。",
                             "The rolling years ending on the filing date are the reading used (M2004 Art. 6); "
                             "calendar years show the other reading (open question 1)."))
    if sequence_problems(ordered):
        notes.append(Text("出入境记录中有连续两次同方向的记录，缺少一条记录，天数可能不准。",
                          "Two crossings in the same direction follow each other: a record is missing and the "
                          "counts may be wrong."))
    threshold = _threshold(pr, minimum) if pr is not None and minimum is not None else Text(
        "本类申请无在境天数要求，仅供参考。", "This filing has no presence condition; for information.")
    return PresenceSummary(calendar, rolling, threshold, tuple(notes))


@dataclass(frozen=True)
class SalaryTest:
    """The 6x / 20% parameters of the route (rules/routes) and the readings chosen (settings elig_*)."""

    years: int
    multiple: Decimal
    share: Decimal
    settings: Settings


def _figure(wages: WageTable, area: str, year: int, settings: Settings) -> tuple[WageFigure | None, bool]:
    statistic, substitute = settings["elig_wage_statistic"], settings["elig_wage_substitute"]
    found = wages.find(area, year, statistic)
    if found is None and substitute not in ("none", statistic):
        other = wages.find(area, year, substitute)
        return other, other is not None
    return found, False


def _basis(t: SalaryTaxYear, test: SalaryTest, substituted: bool, note: Text | None) -> Text:
    f = t.figure
    zh_stat, en_stat = STATISTIC_TEXT.get(f.statistic, (f.statistic, f.statistic))
    sub = ("（替代口径，结果至多为临界）", " (substitute statistic: at most borderline)") if substituted else ("", "")
    share = f"{test.share * 100:.0f}%"
    extra = note or Text("", "")
    # An illustrative figure (confidence L) says so wherever it prints (issue 10 §6).
    estimate = f.provenance.confidence == "L"
    est = ("（估算，非公布数字）", " (estimate, not a published figure)") if estimate else ("", "")
    area = area_zh(f.area)
    return Text(f"{t.year}年：{area}{f.year}年{zh_stat}平均工资{est[0]} {cny(f.value)} 元 × {test.multiple} = "
                f"{cny(t.threshold)} 元；{share} = {cny(t.tax_min_threshold_reading)} 元"
                f"（{f.provenance.source}，{f.provenance.confidence}）{sub[0]}{extra.zh}",
                f"{t.year}: {f.area} {f.year} {en_stat} average wage{est[1]} RMB {cny(f.value)} × {test.multiple} = "
                f"RMB {cny(t.threshold)}; {share} = RMB {cny(t.tax_min_threshold_reading)} "
                f"({f.provenance.source}, {f.provenance.confidence}){sub[1]}{extra.en}")


def _income_row(income: IncomeYear, filing_date: dt.date, area: str, wages: WageTable,
                test: SalaryTest) -> tuple[IncomeRow, Text]:
    reading, tax_reading = test.settings["elig_wage_year_reading"], test.settings["elig_tax_share_reading"]
    other_reading = "each_year" if reading == "application" else "application"
    doubt, note = False, None
    figure, substituted = _figure(wages, area, wage_data_year(income.year, filing_date.year, reading), test.settings)
    if figure is None:
        figure, substituted = _figure(wages, area, wage_data_year(income.year, filing_date.year, other_reading),
                                      test.settings)
        doubt, note = True, Text("；所选平均工资年份无数据，改用另一种理解（结果至多为临界）",
                                 "; no figure for the chosen wage year, the other reading used (at most borderline)")
    if figure is None:
        wanted = " / ".join(sorted({str(wage_data_year(income.year, filing_date.year, r))
                                    for r in (reading, other_reading)}))
        return IncomeRow(income.year, income.wage_income, income.iit_paid, wage_verdict=Verdict.UNKNOWN,
                         tax_verdict=Verdict.UNKNOWN), Text(
            f"{income.year}年：rules/wages.toml 中没有{area_zh(area)}{wanted}年的平均工资，无法判断",
            f"{income.year}: no {wanted} average wage for {area} in rules/wages.toml, cannot be decided")
    t = salary_tax_year(income.year, income.wage_income, income.iit_paid, figure, test.multiple, test.share)
    doubt = doubt or substituted or figure.provenance.confidence == "L"
    other_tax = "salary" if tax_reading == "threshold" else "threshold"
    wage = Verdict.MET if t.passes_wage else Verdict.NOT_MET
    tax_passes = [t.passes_tax(tax_reading), t.passes_tax(other_tax)]
    tax = Verdict.MET if all(tax_passes) else Verdict.BORDERLINE if any(tax_passes) else Verdict.NOT_MET
    wage, tax = (Verdict.BORDERLINE if doubt and v is Verdict.MET else v for v in (wage, tax))
    minimum = t.tax_min_threshold_reading if tax_reading == "threshold" else t.tax_min_salary_reading
    return IncomeRow(income.year, income.wage_income, income.iit_paid, t.threshold, minimum, wage, tax,
                     estimate=figure.provenance.confidence == "L"), \
        _basis(t, test, substituted, note)


def income_summary(income: Sequence[IncomeYear], filing_date: dt.date, area: str, wages: WageTable,
                   test: SalaryTest | None) -> IncomeSummary | None:
    """The years the route tests (or every recorded year without a test), against 6x and 20% where tested."""
    if test is None:
        plain = tuple(IncomeRow(i.year, i.wage_income, i.iit_paid) for i in sorted(income, key=lambda i: i.year))
        return IncomeSummary(plain) if plain else None
    by_year = {i.year: i for i in income}
    rows, basis, notes = [], [], []
    for year in income_years(filing_date.year, test.years, test.settings["elig_income_years_end"]):
        if year not in by_year:
            notes.append(Text(f"{year}年：未记录收入与纳税，无法判断",
                              f"{year}: no income recorded, cannot be decided"))
            continue
        row, text = _income_row(by_year[year], filing_date, by_year[year].city or area, wages, test)
        rows.append(row)
        basis.append(text)
    reading = test.settings["elig_tax_share_reading"]
    notes.append(Text(
        f"纳税标准按{'工资性收入标准' if reading == 'threshold' else '实际工资'}的{test.share * 100:.0f}%计"
        "（设置 elig_tax_share_reading，开放问题3）；只在一种理解下达标的年份为临界。",
        f"Tax threshold: {test.share * 100:.0f}% of the {'wage threshold' if reading == 'threshold' else 'actual wage'}"
        " (setting elig_tax_share_reading, open question 3); a year passing under one reading only is borderline."))
    return IncomeSummary(tuple(rows), tuple(basis), tuple(notes))


_SUFFIX = re.compile(r"\[(.+)\]$")
_AMOUNT = re.compile(r"^\d+\.\d\d$")
FIGURE_WORDS = {"calendar_days": ("日历在境", "calendar"), "full_days": ("满24小时", "full")}


def _shown(value: JsonValue, lang: int) -> str:
    """A criterion's value or threshold as a reader wants it: amounts grouped, day counts labelled."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{FIGURE_WORDS.get(k, (k, k))[lang]} {_shown(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_shown(v, lang) for v in value)
    if isinstance(value, str) and _AMOUNT.match(value):
        return cny(Decimal(value))
    return str(value).lower() if isinstance(value, bool) else str(value)


def eligibility_summary(result: RouteResult) -> EligibilitySummary:
    """The route's verdict and each criterion with its figures and source, as the engine explained them."""
    criteria = []
    for c in result.criteria:
        suffix = _SUFFIX.search(c.id)
        tail = (f"（{suffix.group(1)}）", f" ({suffix.group(1)})") if suffix else ("", "")
        est = ("（估算）", " (estimate)") if c.estimate else ("", "")  # an illustrative figure says so (§6)
        zh = f"数值：{_shown(c.value, 0)}；标准{est[0]}：{_shown(c.threshold, 0)}"
        en = "; ".join(x for x in (f"value: {_shown(c.value, 1)}; threshold{est[1]}: {_shown(c.threshold, 1)}",
                                   c.convention, c.note) if x)
        criteria.append(Criterion(Text(c.label_zh + tail[0], c.label_en + tail[1]), c.verdict,
                                  Text(zh, en), (Provenance(c.source, c.confidence, ""),)))
    notes = [Text("", result.note)] if result.note else []
    earliest = result.earliest_date if result.earliest_verdict is Verdict.MET else None
    if result.earliest_date and result.earliest_verdict is Verdict.BORDERLINE:
        day = result.earliest_date.isoformat()
        notes.append(Text(f"最早达到临界的日期（估算）：{day}（此前不符合）",
                          f"Earliest date the route is borderline (estimate): {day}"))
    return EligibilitySummary(Text(result.name_zh, result.name_en), result.verdict, tuple(criteria),
                              earliest, tuple(notes))
