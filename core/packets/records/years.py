"""Evidence for each of N years (issue 10 §5): the stored document behind one per-year checklist row.

A kind's `each_year` item (templates/kinds, e.g. the 4 consecutive years of pr_salary_tax) is planned as one row
per calendar year (core/packets/plan.py). A certificate of a tax year (items.toml `period = "tax_year"`: wage and
IIT certificates) serves the year its income record links it to (IncomeYear.certificate_ids), or the year its
notes name ("2023 年度…", "tax year 2023"); any other document (a residence or work permit) serves the years its
validity overlaps. Several permits held in one year all go in, the one covering most of the year first.
Pure: the caller passes the records.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from core.packets.checklist import DocumentFacts
from core.packets.plan import PlannedItem
from core.packets.records.from_records import issued_by
from core.records.model import Document, DocumentKind, PersonRecords


def _year_in_notes(notes: str, year: int) -> bool:
    return re.search(rf"(?<!\d){year}\s*年度|tax\s+year\s+{year}(?!\d)", notes, re.IGNORECASE) is not None


def certificates_of(docs: Sequence[Document], person: PersonRecords, year: int, day: dt.date) -> list[Document]:
    """The certificates of tax year `year`: linked from that year's income record, else named in their notes;
    one issued by `day` first, then the latest issued."""
    linked = {i for income in person.income if income.year == year for i in income.certificate_ids}
    found = [d for d in docs if d.id in linked] or [d for d in docs if _year_in_notes(d.notes, year)]
    return sorted(found, key=lambda d: (issued_by(d, day), d.issue_date or dt.date.min, d.id or 0), reverse=True)


def covered(doc: Document, year: int) -> tuple[dt.date, dt.date] | None:
    """The part of calendar year `year` inside the document's validity (issue to expiry), or None."""
    start = max(doc.issue_date or dt.date.min, dt.date(year, 1, 1))
    end = min(doc.expiry_date or dt.date.max, dt.date(year, 12, 31))
    return (start, end) if start <= end else None


def covering(docs: Sequence[Document], year: int, day: dt.date) -> list[Document]:
    """The documents valid during part of `year`: one issued by `day` first, then the one covering most of it."""
    def days(d: Document) -> int:
        part = covered(d, year)
        return (part[1] - part[0]).days if part else -1

    found = [d for d in docs if covered(d, year) is not None]
    return sorted(found, key=lambda d: (issued_by(d, day), days(d), d.issue_date or dt.date.min, d.id or 0),
                  reverse=True)


def gaps(docs: Sequence[Document], year: int, day: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
    """The stretches of `year` (up to `day`) that none of `docs` covers, in order."""
    last = min(dt.date(year, 12, 31), day)
    parts = sorted(p for d in docs if issued_by(d, day) and (p := covered(d, year)) is not None)
    found, cursor = [], dt.date(year, 1, 1)
    for start, end in parts:
        if start > cursor:
            found.append((cursor, min(start - dt.timedelta(days=1), last)))
        cursor = max(cursor, end + dt.timedelta(days=1))
    if cursor <= last:
        found.append((cursor, last))
    return tuple((s, e) for s, e in found if s <= e)


def for_year(item: PlannedItem, person: PersonRecords, day: dt.date, legalised: dt.date | None = None
             ) -> tuple[DocumentFacts, list[Document]] | None:
    """The facts of the document serving the per-year row `item` (with its year's gaps), and every document of
    that year in the order they go in; None when nothing covers the year."""
    assert item.year is not None
    kinds = {DocumentKind(k) for k in item.records if k != "passport"}
    docs = [d for d in person.documents if d.kind in kinds and d.id is not None]
    found = certificates_of(docs, person, item.year, day) if item.tax_year else covering(docs, item.year, day)
    if not found:
        return None
    doc = found[0]
    missing = () if item.tax_year else gaps(found, item.year, day)
    others = tuple(d.number for d in found[1:] if d.number and d.number != doc.number)
    return DocumentFacts(item.key, doc.number, doc.issue_date, doc.expiry_date, legalised, year=item.year,
                         tax_year=item.tax_year, gaps=missing, others=others), found
