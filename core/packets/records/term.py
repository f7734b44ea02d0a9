"""The residence term a renewal asks for (issue 10 §3): the earliest end of what the kind's `term` data names.

A work-type permit follows the work permit and the employment contract and cannot outlast the passport (WP-EXT,
BJ-RP); a family permit follows the principal's. The form says which document set the date; when the work permit
ends first, a finding says to extend it first, by its filing deadline. Pure: values in, values out.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from core.packets.checklist import add_months
from core.packets.content import Finding, Severity, Text
from core.packets.kinds.templates import KindTemplate
from core.packets.records.documents import best_passport
from core.packets.records.facts import PacketFacts
from core.packets.records.from_records import (
    ASSUMED_TERM_TEXT,
    FilingRecords,
    current,
    current_job,
    issued_by,
    sponsor_of,
    valid_on,
)
from core.records.model import DocumentKind, PersonRecords

CAP_TEXT = {
    "requested": Text("申请期限", "the term requested"),
    "work_permit": Text("工作许可有效期", "the work permit's validity"),
    "employment_contract": Text("劳动合同期限", "the employment contract's term"),
    "passport": Text("护照有效期", "the passport's validity"),
    "principal_permit": Text("主申请人居留许可（或其工作许可）有效期",
                             "the principal's residence permit (or work permit)"),
    "current_permit": Text("现持居留许可有效期", "the residence permit held"),
}


@dataclass(frozen=True)
class Term:
    until: dt.date
    set_by: str  # a key of CAP_TEXT
    ends: tuple[tuple[str, dt.date], ...]  # every bound considered, earliest first

    @property
    def note(self) -> Text:
        name, day = CAP_TEXT[self.set_by], self.until.isoformat()
        return Text(f"居留期限至 {day}，以{name.zh}为限", f"Term to {day}, set by {name.en}")


def _serving(person: PersonRecords, kinds: tuple[DocumentKind, ...], day: dt.date) -> dt.date | None:
    doc = current(person.documents, kinds, day)
    if doc is None or not issued_by(doc, day) or not valid_on(doc, day):
        return None
    return doc.expiry_date


def _contract_end(person: PersonRecords, day: dt.date) -> dt.date | None:
    ends = [d for d in (_serving(person, (DocumentKind.EMPLOYMENT_CONTRACT,), day),) if d]
    job = current_job(person.employment, day)
    if job is not None and job.end_date is not None and job.end_date >= day:
        ends.append(job.end_date)
    return min(ends, default=None)


def residence_term(kind: KindTemplate, facts: PacketFacts, records: FilingRecords) -> Term | None:
    """The requested residence term's end and what set it; None for kinds without `term` data."""
    if kind.term is None:
        return None
    day, person = facts.filing_date, records.person
    ends: list[tuple[str, dt.date]] = []
    if facts.permit_months and facts.term_requested:
        ends.append(("requested", add_months(day, facts.permit_months)))
    for cap in kind.term.caps:
        end: dt.date | None = None
        if cap == "work_permit":
            end = _serving(person, (DocumentKind.WORK_PERMIT, DocumentKind.WORK_PERMIT_NOTICE), day)
        elif cap == "employment_contract":
            end = _contract_end(person, day)
        elif cap == "passport":
            passport = best_passport(person.passports, day)
            end = passport.expiry_date - dt.timedelta(days=kind.term.passport_margin_days) if passport else None
        elif cap == "current_permit":  # a change (new passport) keeps the permit's term (EEAL Art. 33)
            end = _serving(person, (DocumentKind.RESIDENCE_PERMIT,), day)
        elif cap == "principal_permit":
            sponsor = sponsor_of(kind, records)
            # the principal's permit; filed together before it is issued, the work permit it will follow
            end = (_serving(sponsor.records, (DocumentKind.RESIDENCE_PERMIT,), day) or _serving(
                sponsor.records, (DocumentKind.WORK_PERMIT, DocumentKind.WORK_PERMIT_NOTICE), day)) if sponsor else None
        if end is not None:
            ends.append((cap, end))
    if not ends:
        return None
    ordered = tuple(sorted(ends, key=lambda e: (e[1], e[0] != "requested")))
    return Term(ordered[0][1], ordered[0][0], ordered)


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` that end on or before `end` (2026-12-08 to 2028-11-26 is 23)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


def first_permit_term(kind: KindTemplate, facts: PacketFacts, records: FilingRecords,
                      findings: list[Finding]) -> tuple[PacketFacts, list[Finding]]:
    """A first permit has no current permit to copy the term from: when the term was only assumed, it runs to
    what caps it (the work permit, the contract, the passport, the principal's permit), as `term` data says."""
    if kind.term is None or not any(f.message == ASSUMED_TERM_TEXT for f in findings):
        return facts, findings
    term = residence_term(kind, dataclasses.replace(facts, permit_months=0), records)
    if term is None or term.until <= facts.filing_date:
        return facts, findings
    months = max(1, whole_months(facts.filing_date, term.until))
    return dataclasses.replace(facts, permit_months=months, term_requested=False), [
        f for f in findings if f.message != ASSUMED_TERM_TEXT]  # term_findings says what set the term


def term_findings(term: Term | None, lead_days: int, lead_source: str) -> list[Finding]:
    """Which document set the term; when the work permit ends first, extend it first, by its deadline."""
    if term is None:
        return []
    findings = [Finding(Severity.INFO, term.note, "application_form")]
    if term.set_by == "work_permit" and "requested" in dict(term.ends):  # a first permit simply follows it
        end = term.until
        deadline = end - dt.timedelta(days=lead_days)
        requested = dict(term.ends).get("requested")
        asked = (f"（申请期限至 {requested.isoformat()}）", f" (the term asked runs to {requested.isoformat()})") \
            if requested else ("", "")
        findings.append(Finding(Severity.WARNING, Text(
            f"工作许可于 {end.isoformat()} 到期，早于申请的居留期限{asked[0]}：居留许可不能超过工作许可，"
            f"请先办理工作许可延期，最迟于 {deadline.isoformat()} 提交（到期前{lead_days}日）",
            f"The work permit ends on {end.isoformat()}, before the residence term{asked[1]}: the residence permit "
            f"cannot outlast it, so extend the work permit first, filing by {deadline.isoformat()} ({lead_days} days "
            "before it ends)"), "work_permit", lead_source))
    return findings
