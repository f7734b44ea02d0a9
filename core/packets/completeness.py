"""Form completeness (issue 10 §4): a blank required field, or a gap in a timeline longer than the form's data
allows, is a finding naming the field or the months, and the form's checklist row says "incomplete".

Which fields are required is form data (forms/*.toml: `required`); how long a gap may be, and where a timeline
must start, is rules data (rules/timelines.toml, named by a table cell's `timeline`). Periods are "YYYY-MM" or ISO
dates; "至今 now" (or blank at the end) runs to the filing date.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.packets.content import Finding, Severity, Text
from core.packets.forms import FormDef, Timeline, lookup

_MONTH = re.compile(r"^(\d{4})-(\d{2})")


@dataclass(frozen=True)
class FormGaps:
    """What one form lacks: its findings, and the short text its checklist row shows."""

    item: str
    findings: tuple[Finding, ...]
    summary: Text


def _month(value: Any, default: int | None = None) -> int | None:
    if isinstance(value, dt.date):
        return value.year * 12 + value.month - 1
    match = _MONTH.match(str(value or ""))
    return int(match.group(1)) * 12 + int(match.group(2)) - 1 if match else default


def _label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, list | tuple) and not value)


def _timeline(rule: Timeline, entries: Sequence[Any], values: Mapping[str, Any], today: int) -> list[Text]:
    """Gaps longer than `gap_months` between periods, and a late start (age `from_age`, or `starts_by`)."""
    periods = sorted((s, e) for s, e in ((_month(x.get("from")), _month(x.get("to"), today))
                                         for x in entries if isinstance(x, Mapping)) if s is not None and e is not None)
    allowed = rule.gap_months
    problems: list[Text] = []
    for x in entries:  # a period with no start cannot show the years continuous (the resume of a degree only)
        if isinstance(x, Mapping) and _month(x.get("from")) is None and str(x.get("to") or "").strip():
            until = str(x.get("to"))[:7]
            problems.append(Text(f"截至 {until} 的一段未填起始年月", f"the period ending {until} has no start date"))
    start: int | None = None
    if rule.from_age is not None and isinstance(birth := lookup(values, "applicant.birth_date"), dt.date):
        start = (birth.year + rule.from_age) * 12 + birth.month - 1
    elif rule.starts_by:
        start = _month(lookup(values, rule.starts_by))
    if start is not None and start > today:  # a child: the resume from age 18 has not begun
        return problems
    if not periods:
        return [*problems, Text("无记录", "nothing recorded")] if start is not None else problems
    if start is not None and periods[0][0] - start > allowed:
        problems.append(Text(f"{_label(start)} 至 {_label(periods[0][0] - 1)} 无记录（{periods[0][0] - start}个月）",
                             f"nothing from {_label(start)} to {_label(periods[0][0] - 1)} "
                             f"({periods[0][0] - start} months)"))
    reached = periods[0][1]
    for begin, end in periods[1:]:
        if begin - reached - 1 > allowed:
            months = begin - reached - 1
            problems.append(Text(f"{_label(reached + 1)} 至 {_label(begin - 1)} 空缺（{months}个月）",
                                 f"a gap from {_label(reached + 1)} to {_label(begin - 1)} ({months} months)"))
        reached = max(reached, end)
    return problems


def form_gaps(form: FormDef, values: Mapping[str, Any], filing_date: dt.date) -> FormGaps | None:
    """The blank required fields and timeline gaps of one filled form, or None when it is complete."""
    today = filing_date.year * 12 + filing_date.month - 1
    blanks: list[Text] = []
    findings: list[Finding] = []
    kind = Text("填表准备单", "preparation sheet") if form.style == "prep" else Text("申请表", "application form")
    for row in form.rows:
        for cell in row:
            value = lookup(values, cell.source) if cell.source else None
            if cell.required and _blank(value):
                blanks.append(cell.label)
            if cell.timeline is not None:
                name = cell.timeline.name
                for problem in _timeline(cell.timeline, value if isinstance(value, list | tuple) else [], values,
                                         today):
                    findings.append(Finding(Severity.WARNING, Text(
                        f"{name.zh}不连续：{problem.zh}", f"{name.en} not continuous: {problem.en}"),
                        form.item or form.prepares))
    if blanks:
        findings.insert(0, Finding(Severity.WARNING, Text(
            f"{kind.zh}未填：" + "、".join(b.zh for b in blanks),
            f"Blank on the {kind.en}: " + ", ".join(b.en for b in blanks)), form.item or form.prepares))
    if not findings:
        return None
    summary = Text("未填完整：" + ("、".join(b.zh for b in blanks) or "时间不连续"),
                   "incomplete: " + (", ".join(b.en for b in blanks) or "timeline gaps"))
    return FormGaps(form.item or form.prepares, tuple(findings), summary)
