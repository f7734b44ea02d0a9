"""Three readers of one build (issue 10 §6): the officer's set, the client's to-do list, the internal memo.

The memo is the whole content: verdicts, readings, settings and estimates with their sources. The officer's set
keeps what the office receives — the cover's facts and contents, the forms, the checklist of what is handed in and
the attachments — and drops every verdict, finding, condition, source key and summary. The client's to-do list
keeps the rows that need the client (to bring, renew, prepare or sign) and the findings that say what to fix.
Pure: PacketContent in, PacketContent out; the renderer lays out whichever it is given.
"""
from __future__ import annotations

import dataclasses
from enum import StrEnum

from core.packets.content import NO_TEXT, ChecklistRow, ItemStatus, PacketContent, Severity, Text
from core.packets.filing.order import in_filing_order


class Audience(StrEnum):
    OFFICER = "officer"
    CLIENT = "client"
    MEMO = "memo"


AUDIENCE_TEXT = {
    Audience.OFFICER: Text("递交材料", "Filing set"),
    Audience.CLIENT: Text("客户待办清单", "Client to-do list"),
    Audience.MEMO: Text("内部备忘", "Internal memo"),
}


TO_DO = Text("申请前须办理的事项", "To do before the filing date")


def _officer_row(row: ChecklistRow) -> ChecklistRow:
    return dataclasses.replace(row, reason=NO_TEXT, sources=())


def _handed_in(row: ChecklistRow) -> bool:
    """Rows that do not apply, and optional papers not held (a minor's no-criminal-record certificate, a photo
    receipt), are not part of what the office receives."""
    return row.status is not ItemStatus.NOT_APPLICABLE and (row.required or row.status is not ItemStatus.MISSING)


def officer_set(content: PacketContent) -> PacketContent:
    """What the exit-entry officer receives, in the office's filing order (templates/filing_order.toml): no
    verdicts, findings, conditions, sources or summaries, and no instructions to the signer on the letters."""
    order = content.filing_order
    checklist = content.checklist
    if checklist is not None:
        rows = [_officer_row(r) for r in checklist.rows if _handed_in(r)]
        checklist = dataclasses.replace(checklist, rows=tuple(in_filing_order(rows, lambda r: r.key, order)),
                                        notes=())
    letters = tuple(dataclasses.replace(letter, notice=NO_TEXT, sources=()) for letter in content.letters)
    attachments = tuple(in_filing_order(content.attachments, lambda a: a.key, order))
    return dataclasses.replace(content, findings=(), notes=(), checklist=checklist, presence=None, income=None,
                               eligibility=None, letters=letters, attachments=attachments)


def _needs_client(row: ChecklistRow) -> bool:
    return row.status in (ItemStatus.MISSING, ItemStatus.EXPIRED, ItemStatus.NOT_YET_ISSUED, ItemStatus.INCOMPLETE) or (
        row.status is ItemStatus.HAVE and row.copies == 0 and not row.document_number)


def _client_row(row: ChecklistRow, notice: Text | None) -> ChecklistRow:
    """The row as the client reads it; a letter's row says who prints, signs and seals it."""
    row = _officer_row(row)
    return dataclasses.replace(row, notes=(*row.notes, notice)) if notice else row


def client_todo(content: PacketContent) -> PacketContent:
    """What the client must bring, renew, prepare, sign or seal before the filing date, and the findings to fix."""
    checklist = content.checklist
    notices = {letter.item: letter.notice for letter in content.letters if letter.notice.zh}
    if checklist is not None:
        rows = tuple(_client_row(r, notices.get(r.key)) for r in checklist.rows if _needs_client(r))
        checklist = dataclasses.replace(checklist, rows=rows)
    due = content.filing_date.isoformat()
    title = Text(f"{AUDIENCE_TEXT[Audience.CLIENT].zh}（申请日 {due} 前完成）",
                 f"{AUDIENCE_TEXT[Audience.CLIENT].en} (to finish before the filing date, {due})")
    findings = tuple(dataclasses.replace(f, source="") for f in content.findings if f.severity is not Severity.INFO)
    return dataclasses.replace(content, title=title, findings=findings, findings_title=TO_DO, checklist=checklist,
                               forms=(), presence=None, income=None, eligibility=None, attachments=(), letters=())


def for_audience(content: PacketContent, audience: Audience) -> PacketContent:
    if audience is Audience.OFFICER:
        return officer_set(content)
    if audience is Audience.CLIENT:
        return client_todo(content)
    memo = Text(f"{content.title.zh}（{AUDIENCE_TEXT[Audience.MEMO].zh}，不递交）",
                f"{content.title.en} ({AUDIENCE_TEXT[Audience.MEMO].en}, not for filing)")
    return dataclasses.replace(content, title=memo)
