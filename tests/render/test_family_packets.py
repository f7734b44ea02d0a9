"""Issue 10 §10: a family filing together, read back from the PDFs: the cover lists each member in filing order
with their kind; a child's packet has the guardian's signature line and names the principal."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.packets.audiences import Audience
from core.services.facade import JuliuService
from tests.cli.test_cli import run
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id
from tests.core.packets.test_new_kinds import ARRIVALS, CHANGE, CHUA, LIM, PR_DAY
from tests.render.test_audiences import internal_material, text_of


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def test_the_cli_writes_the_family_cover_and_a_packet_per_person(cases: JuliuService, data_dir: Path,
                                                                  tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lim.pdf"
    code, printed, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, LIM)),
                              "--kind", "pr_salary_tax", "--as-of", PR_DAY.isoformat(), "--family", "--audience",
                              "officer", "--out", str(out), "--json"], capsys)
    assert (code, err) == (0, "")
    report = json.loads(printed)
    assert [(p["relation"], p["kind"]) for p in report["packets"]] == [
        ("principal", "pr_salary_tax"), ("spouse", "pr_dependant"), ("child", "pr_dependant")]
    assert all(Path(p["output"]).is_file() for p in report["packets"]) and report["not_filing"] == []
    cover = "".join(page.extract_text() for page in PdfReader(out).pages)
    for text in ("家庭成员随同申请", "配偶", "子女", "蔡慧敏", "林凯轩", "随同主申请人申请的配偶及未成年子女"):
        assert text in cover
    child = "".join(page.extract_text() for page in PdfReader(report["packets"][2]["output"]).pages)
    assert "监护人签名" in child and "Guardian" in child and "林俊豪" in child
    code, _, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, CHUA)), "--kind",
                        "pr_dependant", "--family", "--out", str(tmp_path / "x.pdf")], capsys)
    assert code == 2 and "--family" in err
    code, _, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, LIM)), "--kind",
                        "pr_salary_tax", "--family", "--audience", "all", "--out", str(tmp_path / "y.pdf")], capsys)
    assert code == 2 and "--audience" in err


@pytest.mark.parametrize(("name", "kind", "day"), [
    ("罗马可", "rp_work_first", ARRIVALS), ("罗卢卡", "rp_personal_affairs", ARRIVALS),
    ("班奥利", "rp_passport_change", CHANGE), ("林凯轩", "pr_dependant", PR_DAY), (CHUA, "pr_dependant", PR_DAY),
])
def test_the_new_kinds_officer_pages_carry_no_internal_material(cases: JuliuService, name: str, kind: str,
                                                                day: dt.date) -> None:
    prepared = cases.packets.prepare(person_id(cases, name), kind, today=TODAY, filing_date=day)
    officer = text_of(cases.packets.render(prepared, audience=Audience.OFFICER).data)
    assert internal_material(officer) == []
    assert prepared.content.kind.zh in officer and "第 1 页" in officer
