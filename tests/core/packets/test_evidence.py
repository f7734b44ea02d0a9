"""Issue 10 §11: the checklist, the eligibility page and the cover read the same evidence."""
from __future__ import annotations

import dataclasses

import pytest

from core.packets.content import ItemStatus, Verdict
from core.records.model import DocumentKind
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id

CLAIRE, ZHANG = "杜可蕾", "张伟"


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def test_a_lease_in_the_spouses_name_counts_on_every_page(cases: JuliuService) -> None:
    claire, zhang = person_id(cases, CLAIRE), person_id(cases, ZHANG)
    for doc in cases.records.list_documents(claire):
        if doc.kind in (DocumentKind.LEASE, DocumentKind.LIVELIHOOD_PROOF, DocumentKind.BANK_DEPOSIT):
            assert doc.id is not None
            cases.records.delete_document(doc.id)
            cases.records.save_document(dataclasses.replace(doc, id=None, applicant_id=zhang))
    prepared = cases.packets.prepare(claire, "pr_spouse", today=TODAY)
    assert prepared.content.checklist is not None and prepared.content.eligibility is not None
    rows = {r.key: r.status for r in prepared.content.checklist.rows}
    assert rows["housing"] is ItemStatus.HAVE and rows["livelihood"] is ItemStatus.HAVE
    home = next(c for c in prepared.content.eligibility.criteria if "livelihood" in c.name.en.casefold())
    assert home.verdict is Verdict.MET
    assert not [f for f in prepared.content.findings if "livelihood" in f.message.en.casefold()]
    # the engine alone, reading only her own records, could not tell
    alone = cases.eligibility.assess(claire, TODAY, route_ids=["pr-spouse"]).routes[0]
    assert any(c.verdict.value == "unknown" and "livelihood_and_home" in c.missing for c in alone.criteria)


def test_a_missing_row_is_never_met_in_the_memo(cases: JuliuService) -> None:
    claire = person_id(cases, CLAIRE)
    for doc in cases.records.list_documents(claire):
        if doc.kind is DocumentKind.LEASE:
            assert doc.id is not None
            cases.records.delete_document(doc.id)
    prepared = cases.packets.prepare(claire, "pr_spouse", today=TODAY)
    assert prepared.content.checklist is not None and prepared.content.eligibility is not None
    assert {r.key: r.status for r in prepared.content.checklist.rows}["housing"] is ItemStatus.MISSING
    home = next(c for c in prepared.content.eligibility.criteria if "livelihood" in c.name.en.casefold())
    assert home.verdict is not Verdict.MET
