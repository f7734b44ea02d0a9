"""Checklist rows for one filing: each planned item against the document the records hold, on the filing date."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from core.packets.content import NO_TEXT, Checklist, ChecklistRow, ItemStatus, Text
from core.packets.plan import PacketPlan, PlannedItem


@dataclass(frozen=True)
class DocumentFacts:
    """What the records hold for one checklist row (keyed like the plan: "passport", "ncr:GBR")."""

    key: str
    number: str = ""
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    legalised_date: dt.date | None = None  # apostille or consular legalisation
    name_on_document: str = ""  # the holder's name as printed, for the spelling check
    year: int | None = None  # a per-year row's year (core/packets/records/years.py)
    tax_year: bool = False  # the document certifies that tax year (else: it is valid during part of it)
    gaps: tuple[tuple[dt.date, dt.date], ...] = ()  # parts of that year no stored document covers
    others: tuple[str, ...] = ()  # the numbers of the other documents that cover part of that year


# An item no record kind serves (photos, a letter, the office's own form): the packet cannot know it is ready.
BY_HAND = Text("请自行准备（不作为记录保存）", "prepare it yourself (not kept as a record)")


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, or the month's last day (a 6-month window from 31 August ends 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(item: PlannedItem, doc: DocumentFacts) -> dt.date | None:
    """The last day the document serves: its expiry, or the end of its issue window, whichever comes first.

    DOCVAL: an NCR or a health certificate is valid 6 months counted from the issue date (not the legalisation
    date); Beijing PR (BJ-6x) also wants the legalisation within 6 months, which `legalised_within_months` adds.
    """
    ends = [doc.expiry_date] if doc.expiry_date else []
    if item.issued_within_months and doc.issue_date:
        ends.append(add_months(doc.issue_date, item.issued_within_months))
    if item.legalised_within_months and doc.legalised_date:
        ends.append(add_months(doc.legalised_date, item.legalised_within_months))
    return min(ends) if ends else None


def row_for(item: PlannedItem, doc: DocumentFacts | None, filing_date: dt.date) -> ChecklistRow:
    common = {
        "key": item.key, "name": item.name, "required": item.required, "copies": item.copies,
        "original": item.original, "photo": item.photo, "notes": item.notes, "reason": item.reason,
        "sources": item.sources,
    }
    if not item.applies:
        return ChecklistRow(status=ItemStatus.NOT_APPLICABLE, **common)  # type: ignore[arg-type]
    if doc is None:
        validity = NO_TEXT if item.records else BY_HAND
        return ChecklistRow(status=ItemStatus.MISSING, validity=validity, **common)  # type: ignore[arg-type]
    if _after(doc.issue_date, filing_date) or _after(doc.legalised_date, filing_date):
        return ChecklistRow(status=ItemStatus.NOT_YET_ISSUED, document_number=doc.number,
                            issue_date=doc.issue_date, expiry_date=doc.expiry_date,
                            validity=_not_yet_issued(doc, filing_date), **common)  # type: ignore[arg-type]
    if doc.year is not None:  # evidence of a past year: judged on covering it, not on being valid today
        return ChecklistRow(status=ItemStatus.HAVE, document_number=doc.number, issue_date=doc.issue_date,
                            expiry_date=doc.expiry_date, validity=_year_validity(doc), **common)  # type: ignore[arg-type]
    until = valid_until(item, doc)
    status = ItemStatus.EXPIRED if until is not None and until < filing_date else ItemStatus.HAVE
    validity = _validity(status, until, item, doc)
    if doc.legalised_date is not None:  # a rule that tests the apostille date shows the date it tested (§5.3)
        day = doc.legalised_date.isoformat()
        validity = Text(f"{validity.zh}；认证/附加证明书日期 {day}",
                        f"{validity.en}; apostille/legalisation dated {day}")
    return ChecklistRow(status=status, document_number=doc.number, issue_date=doc.issue_date,
                        expiry_date=doc.expiry_date, validity=validity, **common)  # type: ignore[arg-type]


def _year_validity(doc: DocumentFacts) -> Text:
    year = doc.year
    if doc.tax_year:
        return Text(f"{year}年度的证明", f"certifies tax year {year}")
    also = Text(f"（连同 {'、'.join(doc.others)}）", f" (with {', '.join(doc.others)})") if doc.others else NO_TEXT
    if not doc.gaps:
        return Text(f"覆盖{year}年全年{also.zh}", f"covers all of {year}{also.en}")
    spans = [(s.isoformat(), e.isoformat()) for s, e in doc.gaps]
    return Text(f"{year}年内未覆盖：" + "、".join(f"{s} 至 {e}" for s, e in spans) + also.zh,
                f"{year} not covered: " + ", ".join(f"{s} – {e}" for s, e in spans) + also.en)


def _after(day: dt.date | None, filing_date: dt.date) -> bool:
    return day is not None and day > filing_date


def _not_yet_issued(doc: DocumentFacts, filing_date: dt.date) -> Text:
    """A document dated after the filing date does not exist yet on it: it cannot count as valid then."""
    on = filing_date.isoformat()
    if _after(doc.issue_date, filing_date):
        assert doc.issue_date is not None
        day = doc.issue_date.isoformat()
        return Text(f"出具日期 {day} 晚于申请日 {on}：申请日尚未出具", f"issued on {day}, after the filing date {on}: "
                    "not yet issued on it")
    assert doc.legalised_date is not None
    day = doc.legalised_date.isoformat()
    return Text(f"认证/附加证明书日期 {day} 晚于申请日 {on}", f"apostille/legalisation dated {day}, after the filing "
                f"date {on}")


def _validity(status: ItemStatus, until: dt.date | None, item: PlannedItem, doc: DocumentFacts) -> Text:
    if until is None:
        if item.issued_within_months and doc.issue_date is None:
            return Text("出具日期未记录", "issue date not recorded")
        return Text("申请日有效", "valid on the filing date")
    if status is ItemStatus.HAVE:
        return Text(f"申请日有效，至 {until.isoformat()}", f"valid on the filing date, until {until.isoformat()}")
    day = until.isoformat()
    if until == doc.expiry_date:
        return Text(f"已于 {day} 过期", f"expired on {day}")
    if item.issued_within_months and doc.issue_date and until == add_months(doc.issue_date,
                                                                             item.issued_within_months):
        months = item.issued_within_months
        return Text(f"出具已超过{months}个月（至 {day} 有效）", f"issued more than {months} months before "
                    f"(served until {day})")
    months = item.legalised_within_months or 0
    return Text(f"认证已超过{months}个月（至 {day} 有效）", f"legalised more than {months} months before "
                f"(served until {day})")


def checklist_rows(plan: PacketPlan, documents: Mapping[str, DocumentFacts]) -> tuple[ChecklistRow, ...]:
    """One row per planned item; a document filed under the item id serves an `each` row without its own."""
    rows = []
    for item in plan.items:
        doc = documents.get(item.key) or (documents.get(item.item) if item.key != item.item else None)
        rows.append(row_for(item, doc, plan.facts.filing_date))
    return tuple(rows)


def build_checklist(plan: PacketPlan, documents: Mapping[str, DocumentFacts]) -> Checklist:
    return Checklist(kind=plan.kind.name, city=plan.kind.city, filing_date=plan.facts.filing_date,
                     rows=checklist_rows(plan, documents), notes=plan.notes)

