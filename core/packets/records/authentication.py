"""An apostille the office cannot accept (DOMAIN §5.3, case 30): the document it certifies was issued in a state
where the Apostille Convention does not apply with China on the filing date, so it needs consular legalisation.

The states and their dates are user-editable data (rules/apostille.toml, read by core/eligibility/apostille.py).
Pure: the caller passes the held documents, the records and the rules.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from core.eligibility.apostille import LEGALISATION, ApostilleRules, authentication_for
from core.packets.content import Finding, Severity, Text
from core.packets.records.documents import HeldDocument
from core.packets.records.from_records import FilingRecords
from core.records.model import Document, DocumentKind


def apostille_findings(held: Mapping[str, HeldDocument], records: FilingRecords, day: dt.date,
                       rules: ApostilleRules) -> list[Finding]:
    """A warning for each apostille in the packet (held, or certifying a held document) whose issuing state's
    documents need consular legalisation on `day` instead."""
    documents = {d.id: d for p in (records.person, *(r.records for r in records.relatives)) for d in p.documents}
    in_packet = {doc_id: h.key for h in held.values() for doc_id in h.document_ids[:1]}
    apostilles: dict[int, tuple[Document, str]] = {}
    for doc in documents.values():
        if doc.kind is not DocumentKind.APOSTILLE or doc.id is None or doc.related_id is None:
            continue
        key = in_packet.get(doc.id) or in_packet.get(doc.related_id)
        if key is not None:
            apostilles[doc.id] = (doc, key)
    findings = []
    for apostille, key in apostilles.values():
        certified = documents.get(apostille.related_id)
        country = certified.issuing_country.strip().upper() if certified is not None else ""
        if not country or authentication_for(country, day, rules).method != LEGALISATION:
            continue
        state = rules.states.get(country)
        zh, en = (state.name_zh, state.name_en) if state is not None else (country, country)
        findings.append(Finding(Severity.WARNING, Text(
            f"{zh}出具的文件在 {day.isoformat()} 须办理领事认证，附加证明书（海牙认证）不被接受",
            f"A document issued in {en} needs consular legalisation on {day.isoformat()}; "
            f"an apostille is not accepted"), key, "APOSTILLE"))
    return findings
