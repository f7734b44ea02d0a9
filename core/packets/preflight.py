"""Pre-flight check before export: what would make the office refuse or return the packet (issue 6 §4).

Findings are listed on the cover; blockers make `packet --strict` refuse to build. Each finding says which
checklist row it concerns and, where a rule is behind it, the rule's source key.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.packets.checklist import DocumentFacts, add_months, valid_until
from core.packets.content import ChecklistRow, EligibilitySummary, Finding, ItemStatus, Severity, Text, Verdict
from core.packets.plan import PacketPlan


@dataclass(frozen=True)
class PreflightInput:
    plan: PacketPlan
    rows: tuple[ChecklistRow, ...]
    documents: Mapping[str, DocumentFacts]
    processing_end: dt.date | None = None  # expected decision date (working days computed by the caller)
    passport_name: str = ""  # the name as in the passport, the spelling every document should match
    passport_expiry: dt.date | None = None
    min_passport_months: int | None = None  # setting passport_min_remaining_months (L), when the caller uses it
    eligibility: EligibilitySummary | None = None
    chinese_name: str = ""  # the applicant's Chinese name: a name printed in hanzi is compared with it


def preflight(data: PreflightInput) -> tuple[Finding, ...]:
    """Every finding, blockers first, in checklist order within a severity."""
    findings = [
        *_missing_or_expired(data.plan, data.rows),
        *_expiring_during_processing(data),
        *_passport(data),
        *_names(data.passport_name, data.chinese_name, data.documents.values()),
        *_eligibility(data.eligibility),
    ]
    order = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return tuple(sorted(findings, key=lambda f: order[f.severity]))


def _missing_or_expired(plan: PacketPlan, rows: Iterable[ChecklistRow]) -> list[Finding]:
    """A missing record is a blocker; an item no record can hold (photos, letters) is a reminder to prepare it,
    since the packet can never know it is ready (otherwise --strict could never pass)."""
    findings = []
    by_hand = {item.key for item in plan.items if not item.records}
    minors = {item.key for item in plan.items if item.adult_only}
    for row in rows:
        if row.status is ItemStatus.MISSING and row.required and row.key in by_hand:
            findings.append(Finding(Severity.WARNING, Text(f"请自行准备：{row.name.zh}", f"To prepare: {row.name.en}"),
                                    row.key))
        elif row.status is ItemStatus.MISSING and row.required:
            findings.append(Finding(Severity.BLOCKER, Text(f"缺少：{row.name.zh}", f"Missing: {row.name.en}"),
                                    row.key))
        elif row.status is ItemStatus.MISSING and row.key in minors:
            findings.append(Finding(Severity.WARNING, Text(
                f"未成年申请人无{row.name.zh}：是否需要，各地做法不一，请向受理机关确认",
                f"No {row.name.en} for a minor: offices differ on whether one is needed; ask the office"), row.key))
        elif row.status in (ItemStatus.EXPIRED, ItemStatus.NOT_YET_ISSUED):
            findings.append(Finding(Severity.BLOCKER,
                                    Text(f"{row.name.zh}：{row.validity.zh}", f"{row.name.en}: {row.validity.en}"),
                                    row.key, _source(row)))
    return findings


def _expiring_during_processing(data: PreflightInput) -> list[Finding]:
    """A document valid on the filing date that lapses before the expected decision (DOMAIN §8)."""
    if data.processing_end is None:
        return []
    findings = []
    last_year = {i.item: i.year for i in data.plan.items if i.year is not None}  # rows run oldest first
    for row in data.rows:
        item = next((i for i in data.plan.items if i.key == row.key), None)
        doc = data.documents.get(row.key) or (data.documents.get(item.item) if item else None)
        if row.status is not ItemStatus.HAVE or item is None or doc is None:
            continue
        if item.year is not None and item.year != last_year[item.item]:  # a past year's evidence: said once
            continue
        # An issue window the rules judge at acceptance ("issued within 6 months before acceptance", BJ-6x,
        # M2004: `judged_at = "acceptance"`) need not last to the decision; the document's own expiry must.
        until = doc.expiry_date if item.judged_at == "acceptance" else valid_until(item, doc)
        if until is not None and until < data.processing_end:
            end = data.processing_end.isoformat()
            findings.append(Finding(
                Severity.WARNING,
                Text(f"{row.name.zh}于 {until.isoformat()} 失效，早于预计办结日 {end}（估算）",
                     f"{row.name.en} lapses on {until.isoformat()}, before the expected decision on {end} (estimate)"),
                row.key, _source(row)))
    return findings


def _passport(data: PreflightInput) -> list[Finding]:
    facts, expiry = data.plan.facts, data.passport_expiry
    if expiry is None:
        return []
    findings = []
    if facts.permit_months and facts.term_requested:
        end = add_months(facts.filing_date, facts.permit_months)
        if expiry < end:
            findings.append(Finding(Severity.WARNING, Text(
                f"护照于 {expiry.isoformat()} 到期，早于申请的居留期限"
                f"（{facts.permit_months}个月，至 {end.isoformat()}）；居留许可有效期不能超过护照有效期",
                f"The passport expires on {expiry.isoformat()}, before the requested {facts.permit_months}-month term "
                f"ends ({end.isoformat()}); a residence permit cannot outlast the passport"), "passport", "BJ-RP"))
    if data.min_passport_months and expiry < add_months(facts.filing_date, data.min_passport_months):
        months = data.min_passport_months
        findings.append(Finding(Severity.WARNING, Text(
            f"护照剩余有效期不足{months}个月（设置项，依据为代理惯例，可信度低）",
            f"Less than {months} months of passport validity left (a setting; agent practice, low confidence)"),
            "passport", "DOCVAL"))
    return findings


_CJK = re.compile(r"[\u3400-\u9fff]")


def normalised_name(name: str) -> str:
    """Letters only, case-folded and without accents: "Wang, Xiao-Ming" and "WANG XIAOMING" compare equal."""
    decomposed = unicodedata.normalize("NFKD", name)
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c))).casefold()


def _names(passport_name: str, chinese_name: str, documents: Iterable[DocumentFacts]) -> list[Finding]:
    """A document's printed name against the passport's (Latin script) or the Chinese name (hanzi)."""
    findings = []
    for doc in documents:
        chinese = bool(_CJK.search(doc.name_on_document))
        expected = chinese_name if chinese else passport_name
        if not doc.name_on_document or not expected:
            continue
        if normalised_name(doc.name_on_document) != normalised_name(expected):
            zh, en = ("中文姓名", "Chinese name") if chinese else ("护照", "passport")
            findings.append(Finding(Severity.WARNING, Text(
                f"姓名拼写与{zh}不一致：{doc.name_on_document}（{zh}：{expected}）",
                f"Name spelt differently from the {en}: {doc.name_on_document} ({en}: {expected})"),
                doc.key))
    return findings


_PERIOD = re.compile(r"^(.*?)\s*[（(]([^()（）]+)[)）]$")


def _split(name: str) -> tuple[str, str]:
    """("IIT paid …", "2022") from "IIT paid … (2022)"; a name without a period stays whole."""
    match = _PERIOD.match(name)
    return (match.group(1), match.group(2)) if match else (name, "")


def _eligibility(summary: EligibilitySummary | None) -> list[Finding]:
    """Criteria of the chosen route (presence, income, tax) that are not met, borderline or unknown; the rows of
    one criterion for several years with the same verdict make one finding naming the years."""
    if summary is None:
        return []
    severity = {Verdict.NOT_MET: Severity.BLOCKER, Verdict.BORDERLINE: Severity.WARNING,
                Verdict.UNKNOWN: Severity.WARNING}
    words = {Verdict.NOT_MET: ("未满足", "not met"), Verdict.BORDERLINE: ("临界", "borderline"),
             Verdict.UNKNOWN: ("无法判断", "cannot be decided")}
    groups: dict[tuple[Verdict, str, str], list[tuple[str, str, str]]] = {}
    for criterion in summary.criteria:
        if criterion.verdict in severity:
            (name_zh, period_zh), (name_en, period_en) = _split(criterion.name.zh), _split(criterion.name.en)
            source = criterion.sources[0].source if criterion.sources else ""
            groups.setdefault((criterion.verdict, name_zh, name_en), []).append((period_zh, period_en, source))
    findings = []
    for (verdict, name_zh, name_en), parts in groups.items():
        zh, en = words[verdict]
        periods_zh = "、".join(p[0] for p in parts if p[0])
        periods_en = ", ".join(p[1] for p in parts if p[1])
        findings.append(Finding(severity[verdict], Text(
            f"{summary.route.zh}：{name_zh}{f'（{periods_zh}）' if periods_zh else ''}{zh}",
            f"{summary.route.en}: {name_en}{f' ({periods_en})' if periods_en else ''} {en}"), "", parts[0][2]))
    return findings


def _source(row: ChecklistRow) -> str:
    return row.sources[-1].source if row.sources else ""
