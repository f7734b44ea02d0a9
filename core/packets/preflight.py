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


def preflight(data: PreflightInput) -> tuple[Finding, ...]:
    """Every finding, blockers first, in checklist order within a severity."""
    findings = [
        *_missing_or_expired(data.rows),
        *_expiring_during_processing(data),
        *_passport(data),
        *_names(data.passport_name, data.documents.values()),
        *_eligibility(data.eligibility),
    ]
    order = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return tuple(sorted(findings, key=lambda f: order[f.severity]))


def _missing_or_expired(rows: Iterable[ChecklistRow]) -> list[Finding]:
    findings = []
    for row in rows:
        if row.status is ItemStatus.MISSING and row.required:
            findings.append(Finding(Severity.BLOCKER, Text(f"缺少：{row.name.zh}", f"Missing: {row.name.en}"),
                                    row.key))
        elif row.status is ItemStatus.EXPIRED:
            findings.append(Finding(Severity.BLOCKER,
                                    Text(f"{row.name.zh}：{row.validity.zh}", f"{row.name.en}: {row.validity.en}"),
                                    row.key, _source(row)))
    return findings


def _expiring_during_processing(data: PreflightInput) -> list[Finding]:
    """A document valid on the filing date that lapses before the expected decision (DOMAIN §8)."""
    if data.processing_end is None:
        return []
    findings = []
    for row in data.rows:
        item = next((i for i in data.plan.items if i.key == row.key), None)
        doc = data.documents.get(row.key) or (data.documents.get(item.item) if item else None)
        if row.status is not ItemStatus.HAVE or item is None or doc is None:
            continue
        until = valid_until(item, doc)
        if until is not None and until < data.processing_end:
            end = data.processing_end.isoformat()
            findings.append(Finding(
                Severity.WARNING,
                Text(f"{row.name.zh}于 {until.isoformat()} 失效，早于预计办结日 {end}",
                     f"{row.name.en} lapses on {until.isoformat()}, before the expected decision on {end}"),
                row.key, _source(row)))
    return findings


def _passport(data: PreflightInput) -> list[Finding]:
    facts, expiry = data.plan.facts, data.passport_expiry
    if expiry is None:
        return []
    findings = []
    if facts.permit_months:
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


def normalised_name(name: str) -> str:
    """Letters only, case-folded and without accents: "Wang, Xiao-Ming" and "WANG XIAOMING" compare equal."""
    decomposed = unicodedata.normalize("NFKD", name)
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c))).casefold()


def _names(passport_name: str, documents: Iterable[DocumentFacts]) -> list[Finding]:
    if not passport_name:
        return []
    expected = normalised_name(passport_name)
    findings = []
    for doc in documents:
        if doc.name_on_document and normalised_name(doc.name_on_document) != expected:
            findings.append(Finding(Severity.WARNING, Text(
                f"姓名拼写与护照不一致：{doc.name_on_document}（护照：{passport_name}）",
                f"Name spelt differently from the passport: {doc.name_on_document} (passport: {passport_name})"),
                doc.key))
    return findings


def _eligibility(summary: EligibilitySummary | None) -> list[Finding]:
    """Criteria of the chosen route (presence, income, tax) that are not met, borderline or unknown."""
    if summary is None:
        return []
    severity = {Verdict.NOT_MET: Severity.BLOCKER, Verdict.BORDERLINE: Severity.WARNING,
                Verdict.UNKNOWN: Severity.WARNING}
    words = {Verdict.NOT_MET: ("未满足", "not met"), Verdict.BORDERLINE: ("临界", "borderline"),
             Verdict.UNKNOWN: ("无法判断", "cannot be decided")}
    findings = []
    for criterion in summary.criteria:
        if criterion.verdict in severity:
            zh, en = words[criterion.verdict]
            source = criterion.sources[0].source if criterion.sources else ""
            findings.append(Finding(severity[criterion.verdict], Text(
                f"{summary.route.zh}：{criterion.name.zh}{zh}", f"{summary.route.en}: {criterion.name.en} {en}"),
                "", source))
    return findings


def _source(row: ChecklistRow) -> str:
    return row.sources[-1].source if row.sources else ""
