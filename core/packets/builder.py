"""Put a packet's content together from a plan, the documents held, form values and the summaries.

This is the seam for the adapter from records and eligibility: everything here takes plain values.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from core.packets.checklist import DocumentFacts, build_checklist
from core.packets.completeness import FormGaps, form_gaps
from core.packets.content import (
    Attachment,
    Checklist,
    ChecklistRow,
    EligibilitySummary,
    FilledLetter,
    Finding,
    IncomeSummary,
    ItemStatus,
    LabelledValue,
    PacketContent,
    PresenceSummary,
    Severity,
    Text,
)
from core.packets.filing.letters import LetterDef, fill_letter, letters_for, load_letters
from core.packets.filing.order import filing_order
from core.packets.forms import MINOR, fill_form, load_form
from core.packets.plan import PacketPlan
from core.packets.preflight import PreflightInput, preflight
from core.packets.records.facts import facts_values

TITLES = {
    "rp": Text("居留许可申请材料", "Residence permit application packet"),
    "wp": Text("工作许可申请材料", "Work permit application packet"),
    "pr": Text("永久居留申请材料", "Permanent residence application packet"),
}


PREFILLED = Text("已由 Juliu 预填（见完整材料包），打印后签字",
                 "pre-filled by Juliu (in the full packet): print and sign it")


def _prefilled(checklist: Checklist, items: set[str], gaps: Mapping[str, FormGaps]) -> Checklist:
    """An application form the packet itself pre-fills is there, not missing; it still needs a signature, and
    says "incomplete" while a required field is blank or its timeline has gaps (issue 10 §4)."""
    def filled(row: ChecklistRow) -> ChecklistRow:
        if row.status is not ItemStatus.MISSING or row.key not in items | set(gaps):
            return row
        if row.key in gaps:
            return dataclasses.replace(row, status=ItemStatus.INCOMPLETE, validity=gaps[row.key].summary)
        return dataclasses.replace(row, status=ItemStatus.HAVE, validity=PREFILLED)
    return dataclasses.replace(checklist, rows=tuple(filled(row) for row in checklist.rows))


PREFILLED_LETTER = Text("已由 Juliu 预填（见完整材料包），打印后签字",
                        "pre-filled by Juliu (in the full packet): print and sign it")
TO_SEAL = Text("本材料包已预填此函：请单位签字盖章，再将扫描件附上",
               "pre-filled in this packet: have the employer sign and seal it, then attach the scan")
LETTER_BLANKS = Text("已由 Juliu 预填，尚有空白须手写填写，然后签字",
                     "pre-filled by Juliu, with blanks to fill in by hand; then sign it")


def _with_letters(checklist: Checklist, letters: Sequence[FilledLetter], defs: Sequence[LetterDef]) -> Checklist:
    """A letter the applicant signs is there once filled ("incomplete" while it has blanks to fill in by hand); a
    letter the employer seals stays missing (a blocker) until the sealed one is recorded, its row saying it is
    pre-filled; a letter no checklist item asks for gets its own row (the submission letter, first)."""
    filled = {letter.item: letter for letter in letters}

    def status(letter: FilledLetter) -> tuple[ItemStatus, Text]:
        if any(mark.type == "seal" for mark in letter.marks):  # the employer's: missing until it is sealed
            return ItemStatus.MISSING, TO_SEAL
        return (ItemStatus.INCOMPLETE, LETTER_BLANKS) if letter.blanks else (ItemStatus.HAVE, PREFILLED_LETTER)

    rows = []
    for row in checklist.rows:
        letter = filled.get(row.key)
        if letter is not None and row.status is ItemStatus.MISSING:
            state, text = status(letter)
            row = dataclasses.replace(row, status=state, validity=text)
        rows.append(row)
    for definition in defs:
        if any(row.key == definition.item for row in rows):
            continue
        state, text = status(filled[definition.item])
        new = ChecklistRow(definition.item, definition.title, state, copies=0, validity=text,
                           sources=(definition.provenance,))
        at = next((i + 1 for i, row in enumerate(rows) if row.key == definition.after), 0)
        rows.insert(at, new)
    return dataclasses.replace(checklist, rows=tuple(rows))


def _past_filing_date(filing_date: dt.date, today: dt.date) -> list[Finding]:
    """A filing date before the day the packet is made: every row was judged on a day already gone."""
    if filing_date >= today:
        return []
    on, made = filing_date.isoformat(), today.isoformat()
    return [Finding(Severity.WARNING, Text(
        f"申请日 {on} 早于材料生成日 {made}：各项有效期按 {on} 判断，请确认申请日",
        f"The filing date {on} is before the day this packet was made ({made}): every date was judged on {on}; "
        "check the filing date"), "", "")]


def build_content(
    plan: PacketPlan,
    *,
    applicant_name: str,
    applicant: Sequence[LabelledValue],
    generated_on: dt.date,
    documents: Mapping[str, DocumentFacts] | None = None,
    form_values: Mapping[str, Any] | None = None,
    presence: PresenceSummary | None = None,
    income: IncomeSummary | None = None,
    eligibility: EligibilitySummary | None = None,
    attachments: Sequence[Attachment] = (),
    processing_end: dt.date | None = None,
    passport_name: str = "",
    chinese_name: str = "",
    passport_expiry: dt.date | None = None,
    min_passport_months: int | None = None,
    findings: Sequence[Finding] = (),
    document_id: str = "",
) -> PacketContent:
    """The whole packet for `plan`: the kind's forms filled (its presets under the given values), the checklist
    against `documents`, and the pre-flight findings after any given ones."""
    documents = documents or {}
    definitions = [load_form(form_id) for form_id in plan.kind.forms]
    values = {**dict(plan.kind.form_values), MINOR: not plan.facts.adult, **(form_values or {})}
    forms = tuple(fill_form(definition, values) for definition in definitions)
    gaps = {g.item: g for g in (form_gaps(d, values, plan.facts.filing_date) for d in definitions
                                if d.item or d.prepares) if g is not None} if form_values else {}
    checklist = _prefilled(build_checklist(plan, documents), {d.item for d in definitions if d.item}, gaps)
    needed = {row.key for row in checklist.rows if row.status is ItemStatus.MISSING}  # none held in the records
    letter_defs = letters_for(load_letters(), plan.kind.id, needed)
    facts = facts_values(plan.facts)
    letters = tuple(fill_letter(d, values, facts) for d in letter_defs)
    checklist = _with_letters(checklist, letters, letter_defs)
    checks = (*preflight(PreflightInput(plan, checklist.rows, documents, processing_end, passport_name,
                                        passport_expiry, min_passport_months, eligibility, chinese_name)),
              *(f for g in gaps.values() for f in g.findings), *_past_filing_date(plan.facts.filing_date, generated_on))
    return PacketContent(
        title=TITLES[plan.kind.group], kind_id=plan.kind.id, kind=plan.kind.name, city=plan.kind.city,
        applicant_name=applicant_name, applicant=tuple(applicant), filing_date=plan.facts.filing_date,
        generated_on=generated_on, document_id=document_id, notes=plan.notes,
        findings=(*findings, *checks), forms=forms, checklist=checklist, presence=presence, income=income,
        eligibility=eligibility, attachments=tuple(attachments), letters=letters,
        filing_order=filing_order(plan.kind.id),
    )
