"""An apostille in the packet for a document from a state where the Convention does not apply with China on the
filing date is flagged: that document needs consular legalisation (DOMAIN §5.3, case 30; rules/apostille.toml)."""
from __future__ import annotations

from core.records.model import DocumentKind
from core.services.facade import JuliuService
from tests.core.packets.test_records import TAN, cases, edit, prepare  # noqa: F401 (cases is a fixture)


def apostille_warnings(service: JuliuService, **kw: object) -> list[str]:
    prepared = prepare(service, TAN, "pr_salary_tax", **kw)
    return [f"{f.item_key}: {f.message.en}" for f in prepared.content.findings if f.source == "APOSTILLE"]


def test_an_apostille_from_a_contracting_state_passes(cases: JuliuService) -> None:  # noqa: F811
    assert apostille_warnings(cases) == []  # Singapore's NCR with Singapore's apostille


def test_an_apostille_for_a_document_from_a_non_contracting_state_is_flagged(cases: JuliuService) -> None:  # noqa: F811
    edit(cases, TAN, DocumentKind.NO_CRIMINAL_RECORD, issuing_country="VNM")
    (warning,) = apostille_warnings(cases)
    assert warning.startswith("ncr:VNM: A document issued in VNM needs consular legalisation on 2026-11-22")
    assert "an apostille is not accepted" in warning

