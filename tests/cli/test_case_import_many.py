"""`case import FILE...` (issue 15): many case files at once, each all or nothing; duplicates of stored clients
held back; a line per file and a summary; exit 2 when any file was refused, with the reason on stderr."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import cli
from tests.conftest import TODAY
from tests.dbfile import open_as_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cases"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parsed = cli.parse(argv)
    code = parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def people(data_dir: Path) -> list[str]:
    service = open_as_cli(data_dir)
    try:
        return sorted(a.latin_name for a in service.list_applicants())
    finally:
        service.close()


def test_many_files_a_duplicate_and_a_refused_one(data_dir: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(data_dir)]
    assert run([*base, "case", "import", str(EXAMPLES / "shanghai-family.json")], capsys)[0] == 0
    before = people(data_dir)
    bad = tmp_path / "bad.json"
    value = json.loads((EXAMPLES / "shenzhen-work-permit-renewal.json").read_text(encoding="utf-8"))
    value["documents"][1]["expiry_date"] = "2027-13-01"
    bad.write_text(json.dumps(value), encoding="utf-8")
    files = [EXAMPLES / "beijing-6x-professional.json", EXAMPLES / "shanghai-family.json", bad,
             EXAMPLES / "guangzhou-new-arrivals.json", EXAMPLES / "beijing-6x-professional.json"]
    code, out, err = run([*base, "case", "import", *map(str, files)], capsys)
    assert code == 2
    lines = out.splitlines()
    assert [line.split("\t")[:2] for line in lines[:5]] == [
        ["imported", str(files[0])], ["duplicate", str(files[1])], ["refused", str(bad)],
        ["imported", str(files[3])], ["duplicate", str(files[4])]]  # the same person twice in one batch
    assert "the same passport number as stored client 1 DUBOIS Claire" in lines[1]
    assert lines[-1] == "Imported 2 of 5 case files; 2 duplicate, 1 refused."
    assert f"{bad}: Document 证件材料 2 · Date of expiry: expected a real date" in err
    after = people(data_dir)
    assert len(after) == len(before) + 1 + 4  # the professional once, the Guangzhou family of four; nothing else
    assert after.count("DUBOIS Claire") == 1


def test_json_summary_and_keeping_duplicates(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(data_dir)]
    one = str(EXAMPLES / "beijing-6x-professional.json")
    code, out, _err = run([*base, "case", "import", one, one, "--json"], capsys)
    report = json.loads(out)
    assert code == 0 and report["applicant"] == 1 and report["dependants"] == []
    assert [(f["status"], f["applicants"], f["duplicate_of"]) for f in report["files"]] == [
        ("imported", [1], []), ("duplicate", [], [1])]
    code, out, _err = run([*base, "case", "import", one, "--keep-duplicates"], capsys)
    assert (code, out.strip()) == (0, "2")
    assert people(data_dir).count(people(data_dir)[0]) == 2


def test_duplicates_and_refusals_say_so_in_chinese(data_dir: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(data_dir)]
    one = str(EXAMPLES / "beijing-6x-professional.json")
    run([*base, "case", "import", one], capsys)
    bad = tmp_path / "bad.json"
    value = json.loads((EXAMPLES / "shenzhen-work-permit-renewal.json").read_text(encoding="utf-8"))
    value["documents"][1]["expiry_date"] = "2027-13-01"
    bad.write_text(json.dumps(value), encoding="utf-8")
    try:
        code, out, err = run(["--lang", "zh_CN", *base, "case", "import", one, one], capsys)
        refused = run(["--lang", "zh_CN", *base, "case", "import", str(bad), one], capsys)
    finally:
        cli.set_locale("en")
    assert code == 0 and err == ""
    assert "重复" in out and "护照号码" in out and "duplicate" not in out
    assert refused[0] == 2 and "应为有效日期（格式 YYYY-MM-DD），实际为 '2027-13-01'" in refused[2]
    assert "共 2 个案卷文件，已导入 0 个；重复 1 个，拒绝 1 个。" in refused[1]
