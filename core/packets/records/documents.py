"""Which stored document serves each checklist row, the scans that go with it, and names spelt differently.

A row's item lists the document-record kinds that serve it (templates/items.toml `records`). The applicant's own
documents come first; a document only a relative holds (the Chinese spouse's hukou, a marriage certificate kept
under the spouse) serves when the applicant has none, except for the items marked `own` (a parent's
no-criminal-record certificate is never the child's). Of several, the one valid on the filing date and issued
last is chosen. Pure: the caller passes the records and a function that reads a scan's bytes.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from core.packets.checklist import DocumentFacts
from core.packets.content import Attachment, ChecklistRow, Finding, ItemStatus, Severity, Text
from core.packets.plan import PacketPlan, PlannedItem
from core.packets.preflight import normalised_name
from core.packets.records.from_records import FilingRecords, current, issued_by
from core.packets.records.years import for_year
from core.records.identity import ApplicantId, Passport, PassportId
from core.records.model import Attachment as StoredAttachment
from core.records.model import Document, DocumentId, DocumentKind, PersonRecords

PASSPORT = "passport"
LEGALISING = (DocumentKind.APOSTILLE, DocumentKind.LEGALISATION)
ALL_OF_KIND = ("wage_certificate", "tax_certificate")  # one certificate a year: every year's scan goes in
HISTORY_ITEMS = ("residence_permit", "work_permit")  # PR: the permits held over the years counted (BJ-6x item 2)
HISTORY_YEARS = 5
_NAME_LINE = re.compile(r"^\s*(?:姓名|name)\s*[:：]\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class HeldDocument:
    """The record behind one checklist row: a document (or a passport), whose it is, and its facts."""

    key: str
    holder: ApplicantId
    facts: DocumentFacts
    document_ids: tuple[DocumentId, ...] = ()  # the chosen one first, then others whose scans go in too
    passport_id: PassportId | None = None


def name_on(doc: Document) -> str:
    """Documents have no name field: a "姓名：…" or "Name: …" line in the notes is the name printed on it."""
    match = _NAME_LINE.search(doc.notes)
    return match.group(1) if match else ""


def best_passport(passports: Sequence[Passport], day: dt.date) -> Passport | None:
    if not passports:
        return None
    return max(passports, key=lambda p: (p.expiry_date >= day, p.expiry_date, p.id or 0))


def _legalised(doc: Document, docs: Iterable[Document]) -> dt.date | None:
    dates = [d.issue_date for d in docs if d.kind in LEGALISING and d.related_id == doc.id and d.issue_date]
    return max(dates) if dates else None


def _candidates(item: PlannedItem, person: PersonRecords) -> list[Document]:
    kinds = [DocumentKind(k) for k in item.records if k != PASSPORT]
    docs = [d for d in person.documents if d.kind in kinds]
    if ":" in item.key and item.year is None:  # one row per country (ncr:SGP): the certificate issued there
        country = item.key.split(":", 1)[1]
        docs = [d for d in docs if d.issuing_country == country]
    return docs


def _others(item: PlannedItem, chosen: Document, pool: Sequence[Document], plan: PacketPlan) -> list[Document]:
    day = plan.facts.filing_date
    pool = [d for d in pool if issued_by(d, day)]  # a certificate issued after the filing date cannot go in
    if item.item in ALL_OF_KIND:
        return sorted((d for d in pool if d.id != chosen.id), key=lambda d: (d.issue_date or dt.date.min, d.id or 0))
    if item.item in HISTORY_ITEMS and plan.kind.group == "pr":
        since = day.replace(year=day.year - HISTORY_YEARS) if (day.month, day.day) != (2, 29) else \
            dt.date(day.year - HISTORY_YEARS, 2, 28)
        return sorted((d for d in pool if d.id != chosen.id and (d.expiry_date is None or d.expiry_date >= since)),
                      key=lambda d: (d.issue_date or dt.date.min, d.id or 0), reverse=True)
    return []


def _for_item(item: PlannedItem, records: FilingRecords, plan: PacketPlan, chosen: dict[str, HeldDocument]
              ) -> HeldDocument | None:
    day = plan.facts.filing_date
    if item.year is not None:  # one of several years' evidence (`each_year`): the applicant's own documents
        person = records.person
        found = for_year(item, person, day)
        if found is None:
            return None
        facts, docs = found
        facts = dataclasses.replace(facts, legalised_date=_legalised(docs[0], person.documents),
                                    name_on_document=name_on(docs[0]))
        return HeldDocument(item.key, records.applicant_id, facts, tuple(d.id for d in docs if d.id is not None))
    if PASSPORT in item.records:
        passport = best_passport(records.person.passports, day)
        if passport is not None:
            return HeldDocument(item.key, records.applicant_id, DocumentFacts(
                item.key, passport.number, passport.issue_date, passport.expiry_date), passport_id=passport.id)
    people = [records.person, *(() if item.own_only else (r.records for r in records.relatives))]
    for person in people:
        pool = _candidates(item, person)
        if item.item == "legalisation":  # of a document the packet carries (the marriage certificate, §1.7)
            related = {h.document_ids[0] for h in chosen.values() if h.document_ids}
            own = person is records.person
            pool = [d for d in pool if d.related_id in related or (own and d.related_id is None)]
        doc = current(pool, [d.kind for d in pool], day)
        if doc is None or doc.id is None:
            continue
        assert person.applicant.id is not None
        own = person is records.person
        facts = DocumentFacts(item.key, doc.number, doc.issue_date, doc.expiry_date,
                              _legalised(doc, person.documents), name_on(doc) if own else "")
        others = tuple(d.id for d in _others(item, doc, pool, plan) if d.id is not None)
        return HeldDocument(item.key, person.applicant.id, facts, (doc.id, *others))
    return None


def held_documents(plan: PacketPlan, records: FilingRecords) -> dict[str, HeldDocument]:
    """For each applicable row served by records, the document chosen (rows nothing serves are absent)."""
    chosen: dict[str, HeldDocument] = {}
    for item in plan.applicable:
        if item.records:
            held = _for_item(item, records, plan, chosen)
            if held is not None:
                chosen[item.key] = held
    return chosen


def _person(records: FilingRecords, applicant_id: ApplicantId) -> PersonRecords:
    people = [records.person, *(r.records for r in records.relatives)]
    return next(p for p in people if p.applicant.id == applicant_id)


def _scans(held: HeldDocument, person: PersonRecords) -> list[StoredAttachment]:
    order = {doc_id: i for i, doc_id in enumerate(held.document_ids)}
    found = [a for a in person.attachments if (a.document_id in order) or
             (held.passport_id is not None and a.passport_id == held.passport_id)]
    return sorted(found, key=lambda a: (order.get(a.document_id, -1) if a.document_id is not None else -1,
                                        a.id or 0))


def attachments(rows: Sequence[ChecklistRow], held: dict[str, HeldDocument], records: FilingRecords,
                load: Callable[[StoredAttachment], bytes]) -> list[Attachment]:
    """Each held row's scans, in checklist order; a row with several gets them numbered."""
    result = []
    for row in rows:
        if row.status is not ItemStatus.HAVE or row.key not in held:
            continue
        scans = _scans(held[row.key], _person(records, held[row.key].holder))
        for n, scan in enumerate(scans, 1):
            suffix = (f"（{n}/{len(scans)}）", f" ({n}/{len(scans)})") if len(scans) > 1 else ("", "")
            result.append(Attachment(row.key, Text(row.name.zh + suffix[0], row.name.en + suffix[1]),
                                     scan.media_type.value, load(scan)))
    return result


def family_name_findings(held: dict[str, HeldDocument], records: FilingRecords) -> list[Finding]:
    """A relative's document whose printed name (from its notes) differs from that relative's record."""
    findings = []
    for h in held.values():
        if h.holder == records.applicant_id or not h.document_ids:
            continue
        person = _person(records, h.holder)
        doc = next(d for d in person.documents if d.id == h.document_ids[0])
        printed = name_on(doc)
        expected = person.applicant.chinese_name if _CJK.search(printed) else person.applicant.latin_name
        if printed and expected and normalised_name(printed) != normalised_name(expected):
            findings.append(Finding(Severity.WARNING, Text(
                f"家属证件姓名与记录不一致：{printed}（记录：{expected}）",
                f"Name on a relative's document differs from their record: {printed} (record: {expected})"), h.key))
    return findings


def document_facts(held: dict[str, HeldDocument]) -> dict[str, DocumentFacts]:
    return {key: h.facts for key, h in held.items()}

