"""Translation and apostille rows per document (issue 10 §5): each document the kind lists and the records serve
gets its own translation row when it is not in Chinese and its own apostille / legalisation row when it was issued
abroad, right after its own row; a document the kind does not list (KIM's Korean degree) raises nothing."""
from __future__ import annotations

import pytest

from core.packets.audiences import Audience, for_audience
from core.packets.content import ChecklistRow, ItemStatus
from core.records.model import DocumentKind
from core.services.facade import JuliuService
from core.services.packets import PreparedPacket
from tests.core.packets.test_records import KIM, TAN, cases, edit, prepare, rows  # noqa: F401 (cases: a fixture)

COMPANION = (":translation", ":legalisation")

# (person, kind, the companion rows expected: key -> (status, document number, name starts with))
EXPECTED = [
    (TAN, "pr_salary_tax", {
        "ncr:SGP:translation": (ItemStatus.HAVE, "BJTR-2026-10-3306", "翻译件（加盖翻译公司印章）：无犯罪记录证明"),
        "ncr:SGP:legalisation": (ItemStatus.HAVE, "SG-APO-2026-55120", "附加证明书（海牙认证）：无犯罪记录证明"),
    }),
    (TAN, "rp_work_renewal", {}),  # every document it lists was issued in China
    (KIM, "wp_extension", {}),  # the Korean degree is not in the list: no translation asked for
    (KIM, "rp_work_renewal", {}),  # (his PR kinds are not offered before 3 years in China: #10)
]


def companions(prepared: PreparedPacket) -> dict[str, ChecklistRow]:
    return {k: r for k, r in rows(prepared).items() if k.endswith(COMPANION) or k in ("translation", "legalisation")}


@pytest.mark.parametrize("name,kind,expected", EXPECTED)
def test_each_document_gets_its_own_translation_and_apostille_rows(cases: JuliuService, name: str,  # noqa: F811
                                                                   kind: str, expected: dict[str, tuple]) -> None:
    prepared = prepare(cases, name, kind)
    found = companions(prepared)
    assert {k: (r.status, r.document_number) for k, r in found.items()} == {
        k: (status, number) for k, (status, number, _n) in expected.items()}
    for key, (_s, _n, starts) in expected.items():
        assert found[key].name.zh.startswith(starts)
        keys = list(rows(prepared))
        owner = key.rsplit(":", 1)[0]
        assert keys.index(owner) < keys.index(key) <= keys.index(owner) + 2  # attached to its document's row
    assert not [f for f in prepared.content.findings if "ranslation" in f.message.en and f.item_key not in found]


def test_a_document_from_a_state_without_the_convention_needs_consular_legalisation(cases: JuliuService  # noqa: F811
                                                                                    ) -> None:
    edit(cases, TAN, DocumentKind.NO_CRIMINAL_RECORD, issuing_country="VNM")
    prepared = prepare(cases, TAN, "pr_salary_tax")
    row = rows(prepared)["ncr:VNM:legalisation"]
    assert row.status is ItemStatus.MISSING  # the stored apostille is not accepted from Viet Nam
    assert (row.name.zh, row.name.en) == ("领事认证：无犯罪记录证明（VNM）",
                                          "Consular legalisation: Certificate of No Criminal Record (NCR) (VNM)")
    assert any(f.item_key == "ncr:VNM:legalisation" for f in prepared.content.findings)
    # the officer's set, the client's to-do list and the memo read the same row
    officer, client, memo = (for_audience(prepared.content, a) for a in (Audience.OFFICER, Audience.CLIENT,
                                                                          Audience.MEMO))
    for content in (officer, client, memo):
        assert content.checklist is not None
        (same,) = [r for r in content.checklist.rows if r.key == "ncr:VNM:legalisation"]
        assert (same.status, same.name) == (row.status, row.name)
    assert officer.checklist is not None
    keys = [r.key for r in officer.checklist.rows]
    assert keys.index("ncr:VNM") < keys.index("ncr:VNM:translation") < keys.index("ncr:VNM:legalisation")


def test_a_document_in_chinese_needs_no_translation_but_its_apostille_stays(cases: JuliuService  # noqa: F811
                                                                            ) -> None:
    cases.set_setting("packet_chinese_language_countries", "CHN, SGP")  # as if Singapore issued it in Chinese
    found = companions(prepare(cases, TAN, "pr_salary_tax"))
    assert list(found) == ["ncr:SGP:legalisation"]


def test_a_foreign_document_without_its_translation_is_a_missing_row(cases: JuliuService) -> None:  # noqa: F811
    kim = prepare(cases, KIM, "wp_extension")
    assert "degree" not in rows(kim)
    edit(cases, KIM, DocumentKind.EMPLOYMENT_CONTRACT, issuing_country="KOR")  # a contract signed abroad
    found = companions(prepare(cases, KIM, "wp_extension"))
    assert {k: r.status for k, r in found.items()} == {
        "employment_contract:translation": ItemStatus.MISSING, "employment_contract:legalisation": ItemStatus.MISSING}
    # the kind's own wording: a work-permit translation is stamped by the employer (DOMAIN §5.5)
    assert found["employment_contract:translation"].name.zh.startswith("翻译件（加盖用人单位公章）：")
    assert found["employment_contract:legalisation"].name.en.startswith("Apostille: ")  # Korea: a Contracting State


def test_a_scan_attached_to_a_translation_row_becomes_that_documents_translation(cases: JuliuService,  # noqa: F811
                                                                                 tmp_path) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "translation.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    edit(cases, KIM, DocumentKind.EMPLOYMENT_CONTRACT, issuing_country="KOR")
    prepared = prepare(cases, KIM, "wp_extension")
    cases.packets.attach_scan(prepared, "employment_contract:translation", scan)
    again = rows(prepare(cases, KIM, "wp_extension"))
    assert again["employment_contract:translation"].status is ItemStatus.HAVE
    assert again["employment_contract:legalisation"].status is ItemStatus.MISSING
    contract = prepared.held["employment_contract"].document_ids[0]
    (made,) = [d for d in cases.records.list_documents(prepared.applicant_id) if d.kind is DocumentKind.TRANSLATION]
    assert (made.related_id, made.issuing_country) == (contract, "")
