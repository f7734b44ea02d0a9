"""`packet`: list kinds, build from a content JSON (both shapes), fill a form; errors name file and field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

import cli
from core.packets.content_json import content_to_json, load_content
from tests.conftest import TODAY
from tests.render.packet_samples import sample_content, scan_image
from tests.render.test_acroform import MAPPING, fillable_form

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "packet-rp-work.json"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parsed = cli.parse(argv)
    code = parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_kinds_works_from_the_templates_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["packet", "--list-kinds", "--json"], capsys)
    assert (code, err) == (0, "")
    kinds = {k["id"]: k for k in json.loads(out)["kinds"]}
    assert len(kinds) == 13 and kinds["pr_spouse"]["cities"] == ["beijing", "guangzhou", "shanghai", "shenzhen"]
    assert kinds["rp_work_renewal"]["forms"] == ["visa_document_application"]
    assert kinds["pr_salary_tax"]["zh"] == "外国人永久居留（工资性收入及缴纳个人所得税）"
    code, out, _ = run(["packet", "--list-kinds"], capsys)
    assert code == 0 and "wp_extension" in out and "工作类居留许可延期" in out


def test_build_from_the_documented_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = tmp_path / "example.json"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "passport.jpg").write_bytes(scan_image("passport"))
    data["attachments"] = [{"key": "passport", "title": {"zh": "护照", "en": "Passport"},
                            "path": "scans/passport.jpg"}]
    example.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out_pdf = tmp_path / "packet.pdf"
    code, out, err = run(["packet", "--content", str(example), "--out", str(out_pdf), "--json"], capsys)
    assert (code, err) == (0, "")
    report = json.loads(out)
    reader = PdfReader(out_pdf)
    assert report["output"] == str(out_pdf) and report["pages"] == len(reader.pages)
    assert report["bookmarks"][-1] == "  1. 护照 Passport"
    assert {f["item"] for f in report["findings"] if f["severity"] == "blocker"} == {"employer_verification"}
    assert any("pre-flight" in w for w in report["warnings"])


def test_checklist_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_pdf = tmp_path / "list.pdf"
    code, out, _ = run(["packet", "--content", str(EXAMPLE), "--out", str(out_pdf), "--checklist-only"], capsys)
    assert code == 0 and "pages" in out
    assert [o.title for o in PdfReader(out_pdf).outline] == ["封面 Cover", "材料核对清单 Document checklist"]


def test_full_shape_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = sample_content(scans=2)
    path = tmp_path / "full.json"
    path.write_text(json.dumps(content_to_json(content), ensure_ascii=False), encoding="utf-8")
    assert load_content(path, TODAY) == content
    code, out, _ = run(["packet", "--content", str(path), "--out", str(tmp_path / "p.pdf"), "--json"], capsys)
    assert code == 0 and json.loads(out)["bookmarks"][-1].startswith("  2. ")


@pytest.mark.parametrize("edit,field,message", [
    (lambda d: d["facts"].update(kind="pr_investor"), "Kind 种类", "unknown packet kind"),
    (lambda d: d["facts"].update(age="forty"), "facts.age", "expected a whole number"),
    (lambda d: d["facts"].pop("filing_date"), "facts.filing_date", "missing"),
    (lambda d: d["documents"]["passport"].update(expiry_date="2029-13-01"), "documents.passport.expiry_date",
     "cannot read"),
    (lambda d: d["form_values"]["applicant"].update(sex="X"), "applicant.sex", "not an option"),
    (lambda d: d.update(colour="red"), "colour", "unknown key"),
    (lambda d: d.update(attachments=[{"key": "p", "title": {"zh": "护照"}, "path": "nope.jpg"}]),
     "Scan 扫描件 1 · path", "cannot read"),
])
def test_bad_content_exits_2_naming_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str], edit,
                                                   field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out_pdf = tmp_path / "out.pdf"
    code, out, err = run(["packet", "--content", str(path), "--out", str(out_pdf)], capsys)
    assert code == 2 and out == ""
    assert f"{path}: {field}: " in err and message in err
    assert not out_pdf.exists()


def test_fill_form_from_mapping_and_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "official.pdf"
    pdf.write_bytes(fillable_form())
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "values.json").write_text(json.dumps({"applicant": {"chinese_name": "王小明", "sex": "F"}},
                                                     ensure_ascii=False), encoding="utf-8")
    out_pdf = tmp_path / "filled.pdf"
    code, out, err = run(["packet", "--fill-form", str(pdf), "--mapping", str(tmp_path / "map.toml"), "--values",
                          str(tmp_path / "values.json"), "--out", str(out_pdf), "--flatten", "--json"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(out)["filled"] == ["ChineseName", "SexF"]
    assert "王小明" in PdfReader(out_pdf).pages[0].extract_text()


def test_missing_out_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["packet", "--content", str(EXAMPLE)], capsys)
    assert code == 2 and "--out" in err

