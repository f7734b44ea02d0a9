"""Every example case's packets built from the stored records: fonts embedded, the Chinese name extractable,
bookmarks and page labels present, poppler draws them, --strict refuses with blockers, same records same bytes."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import cli
from core.records.identity import ApplicantId
from core.records.model import Document, DocumentKind
from core.render.packet_merge import PacketResult
from core.services.facade import JuliuService
from core.services.packets import PreparedPacket
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id
from tests.render.test_packet_pdf import _fonts

# The kinds each person's records point to (tests/core/packets/test_records.py checks the suggestion itself).
BUILDS = [("陈伟明", k) for k in ("rp_work_renewal", "wp_extension", "pr_salary_tax", "pr_position")] + \
    [("杜可蕾", "rp_family_renewal"), ("杜可蕾", "pr_spouse"), ("张乐", "rp_family_renewal"), ("张乐", "pr_child")] + \
    [("金敏俊", k) for k in ("rp_work_renewal", "wp_extension")]  # his PR routes wait for 3 years in China (#10)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cases")
    service = JuliuService.open(folder)
    import_cases(service)
    service.close()
    return folder


@pytest.fixture(scope="module")
def service(data_dir: Path) -> Iterator[JuliuService]:
    svc = JuliuService.open(data_dir)
    yield svc
    svc.close()


def build(service: JuliuService, name: str, kind: str) -> tuple[PreparedPacket, PacketResult]:
    prepared = service.packets.prepare(person_id(service, name), kind, today=TODAY)
    return prepared, service.packets.render(prepared)


def own_fonts_embedded(reader: PdfReader) -> None:
    """Every font on every page is embedded: our pages, and the example scans (which embed theirs, as
    tools/make_example_cases.py makes them); a user's own scan could still bring an unembedded one."""
    for label, page in zip(reader.page_labels, reader.pages, strict=True):
        fonts = _fonts(page.get("/Resources"), set())
        assert fonts and all(keys & {"/FontFile2", "/FontFile3"} for _n, keys in fonts), label


@pytest.mark.parametrize("name,kind", BUILDS)
def test_each_example_packet_builds(service: JuliuService, name: str, kind: str) -> None:
    prepared, result = build(service, name, kind)
    reader = PdfReader(io.BytesIO(result.data))
    assert result.pages == len(reader.pages) > 0
    own_fonts_embedded(reader)
    assert name in reader.pages[0].extract_text() and name in reader.pages[-1].extract_text()  # cover, footer
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0] == "封面 Cover" and "材料核对清单 Document checklist" in titles
    assert ("附件 Attachments" in titles) == bool(prepared.content.attachments)
    assert list(result.bookmarks)[0] == "封面 Cover"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_poppler_draws_the_beijing_salary_route_packet(service: JuliuService, tmp_path: Path) -> None:
    _prepared, result = build(service, "陈伟明", "pr_salary_tax")
    pdf = tmp_path / "bj.pdf"
    pdf.write_bytes(result.data)
    done = subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "p")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr.strip()
    assert len(list(tmp_path.glob("p-*.png"))) == result.pages
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "陈伟明" in text and "工资性收入与个人所得税" in text and "Wage income and income tax per year" in text


def test_same_records_and_date_give_the_same_bytes(service: JuliuService) -> None:
    first = build(service, "杜可蕾", "pr_spouse")[1].data
    assert build(service, "杜可蕾", "pr_spouse")[1].data == first
    later = service.packets.prepare(person_id(service, "杜可蕾"), "pr_spouse", today=TODAY,
                                    filing_date=TODAY.replace(day=TODAY.day + 1))
    assert service.packets.render(later).data != first


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parsed = cli.parse(argv)
    code = parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_builds_from_records_and_strict_refuses_blockers(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    service = JuliuService.open(data_dir)
    import_cases(service)
    kim = str(person_id(service, "金敏俊"))
    out = tmp_path / "kim.pdf"
    base = ["--data-dir", str(data_dir), "packet", "--applicant", kim, "--out", str(out)]
    code, stdout, err = run([*base, "--kind", "rp_work_renewal", "--json"], capsys)
    report = json.loads(stdout)
    assert (code, err) == (0, "") and report["output"] == str(out) and report["city"] == "shenzhen"
    assert report["pages"] == len(PdfReader(out).pages) and report["bookmarks"][0] == "封面 Cover"
    blockers = [f["en"] for f in report["findings"] if f["severity"] == "blocker"]
    assert blockers == ["Missing: Employer verification letter"]
    out.unlink()
    code, _stdout, err = run([*base, "--kind", "rp_work_renewal", "--strict"], capsys)
    assert code == 2 and "Missing: Employer verification letter" in err and not out.exists()
    service.records.save_document(Document(ApplicantId(int(kim)), DocumentKind.EMPLOYER_VERIFICATION,
                                           issue_date=TODAY))
    service.close()
    code, stdout, err = run([*base, "--kind", "rp_work_renewal", "--strict", "--as-of", "2026-12-01",
                             "--city", "national", "--months", "12", "--checklist-only"], capsys)
    assert (code, err) == (0, "") and out.exists() and "Wrote" in stdout
    checklist_only = PdfReader(out)
    assert "材料核对清单" in checklist_only.pages[0].extract_text()
    assert [item.title for item in checklist_only.outline] == ["封面 Cover", "材料核对清单 Document checklist"]
    code, _stdout, err = run([*base, "--kind", "pr_nope"], capsys)
    assert code == 2 and "pr_nope" in err
    out.unlink()
    code, _stdout, err = run(["--data-dir", str(data_dir), "packet", "--applicant", "999", "--kind",
                              "wp_extension", "--out", str(out)], capsys)
    assert code == 2 and "999" in err and not out.exists()
    code, _stdout, err = run([*base, "--kind", "wp_extension", "--city", "Atlantis"], capsys)
    assert code == 2 and "Atlantis" in err
