"""Translation and apostille rows that belong to one document of the packet (issue 10 §5).

No generic "translation" or "legalisation" row: each document the packet carries (a row of the kind's list that a
stored document serves) gets, right after its own row,
- a translation row when the document is not in Chinese (DOMAIN §5.5; the passport is never translated), and
- an apostille or consular-legalisation row when it was issued abroad (DOMAIN §5.3): which of the two the issuing
  state needs on the filing date comes from rules/apostille.toml (core/eligibility/apostille.py).
Records hold no language: a document is taken to be in Chinese when its issuing country is blank (issued in
China) or listed in the packet_chinese_language_countries setting, an assumption the setting shows the user.
The row's wording, notes, sources and windows come from the kind's own `translation` / `legalisation` item when it
has one (who stamps the translation differs between kinds), else from templates/items.toml.
A document stored elsewhere (a degree the kind does not list) raises nothing. Pure: the caller passes everything.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from core.eligibility.apostille import APOSTILLE, ApostilleRules, authentication_for
from core.packets.checklist import DocumentFacts
from core.packets.content import NO_TEXT, Text
from core.packets.plan import PacketPlan, PlannedItem
from core.packets.records.documents import PASSPORT, HeldDocument
from core.packets.records.from_records import FilingRecords
from core.records.model import Document, DocumentKind, PersonRecords
from core.ruledata.loader import Provenance

TRANSLATION, LEGALISATION = "translation", "legalisation"
COMPANIONS = (TRANSLATION, LEGALISATION)
# Documents from these places are not "foreign public documents" for the Apostille Convention as China applies it
# (Hong Kong, Macao and Taiwan documents follow attestation procedures of their own, not modelled here).
NOT_ABROAD = frozenset({"", "CHN", "HKG", "MAC", "TWN"})
METHOD_NAMES = {APOSTILLE: Text("附加证明书（海牙认证）", "Apostille"),
                "consular_legalisation": Text("领事认证", "Consular legalisation")}
RECORDS = {TRANSLATION: ("translation",), LEGALISATION: ("apostille", "legalisation")}  # as templates/items.toml
DEFAULT_SOURCES = {TRANSLATION: Provenance("NIA-PhD", "M", ""),
                   LEGALISATION: Provenance("APOSTILLE", "H", "2023-11-07")}


def chinese_countries(setting: str) -> frozenset[str]:
    """The packet_chinese_language_countries setting ("CHN, HKG, MAC, TWN") as a set of codes."""
    return frozenset(code.strip().upper() for code in setting.split(",") if code.strip())


def with_companions(plan: PacketPlan, held: Mapping[str, HeldDocument], records: FilingRecords,
                    rules: ApostilleRules, chinese: frozenset[str]) -> tuple[PacketPlan, dict[str, HeldDocument]]:
    """The plan with the generic translation / legalisation rows replaced by one per document that needs it,
    and the held documents with those rows' translations and apostilles (a companion nothing serves is absent)."""
    day = plan.facts.filing_date
    people = (records.person, *(r.records for r in records.relatives))
    stored = {d.id: (d, p) for p in people for d in p.documents if d.id is not None}
    own_rule = {i.item: i for i in plan.items if i.item in COMPANIONS}
    items: list[PlannedItem] = []
    result = {k: h for k, h in held.items() if plan.item(k).item not in COMPANIONS}
    for item in plan.items:
        if item.item in COMPANIONS:
            continue
        items.append(item)
        h = held.get(item.key)
        if not item.applies or h is None or not h.document_ids or PASSPORT in item.records:
            continue
        doc, person = stored[h.document_ids[0]]
        country = doc.issuing_country.strip().upper()
        if country and country not in chinese:
            row = _companion(item, TRANSLATION, own_rule, Text("翻译件", "Translation"))
            items.append(row)
            _serve(result, row, person, _related(person, doc, (DocumentKind.TRANSLATION,), day))
        if country not in NOT_ABROAD:
            method = authentication_for(country, day, rules).method
            kinds = (DocumentKind.APOSTILLE, DocumentKind.LEGALISATION) if method == APOSTILLE else \
                (DocumentKind.LEGALISATION,)  # an apostille is not accepted from this state (authentication.py)
            row = _companion(item, LEGALISATION, own_rule, METHOD_NAMES[method])
            items.append(row)
            _serve(result, row, person, _related(person, doc, kinds, day))
    return dataclasses.replace(plan, items=tuple(items)), result


def _companion(item: PlannedItem, kind: str, own_rule: Mapping[str, PlannedItem], label: Text) -> PlannedItem:
    """The row for `kind` of `item`'s document: the kind's own wording for it when it has one."""
    rule = own_rule.get(kind)
    name = rule.name if rule is not None and kind == TRANSLATION else label
    name = Text(f"{name.zh}：{item.name.zh}", f"{name.en}: {item.name.en}")
    if rule is None:
        return PlannedItem(key=f"{item.key}:{kind}", item=kind, name=name, applies=True, reason=NO_TEXT, copies=1,
                           original=True, required=item.required, issued_within_months=None,
                           legalised_within_months=None, photo=None, notes=(),
                           sources=(DEFAULT_SOURCES[kind],), records=RECORDS[kind])
    return dataclasses.replace(rule, key=f"{item.key}:{kind}", name=name, applies=True, reason=NO_TEXT,
                               required=rule.required and item.required, adult_only=item.adult_only)


def _related(person: PersonRecords, doc: Document, kinds: tuple[DocumentKind, ...], day: dt.date
             ) -> Document | None:
    """The latest translation or authentication of `doc` issued by `day` (else the latest at all)."""
    found = [d for d in person.documents if d.kind in kinds and d.related_id == doc.id and d.id is not None]
    return max(found, key=lambda d: (d.issue_date is None or d.issue_date <= day, d.issue_date or dt.date.min,
                                     d.id or 0), default=None)


def _serve(held: dict[str, HeldDocument], row: PlannedItem, person: PersonRecords, doc: Document | None) -> None:
    if doc is None or doc.id is None or person.applicant.id is None:
        return
    held[row.key] = HeldDocument(row.key, person.applicant.id, DocumentFacts(
        row.key, doc.number, doc.issue_date, doc.expiry_date), (doc.id,))
