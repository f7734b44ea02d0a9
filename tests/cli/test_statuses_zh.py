"""Statuses and inputs in the Chinese text output (issue 15): a deadline's severity and a points factor's input
read in Chinese (临近, 硕士), never the code (soon, master) that `--json` keeps."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.i18n import set_locale
from core.ruledata.loader import load_setting_defs
from tests.cli.test_cli import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cases"


@pytest.fixture()
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[list[str]]:
    args = ["--data-dir", str(tmp_path)]
    assert run([*args, "case", "import", str(EXAMPLES / "beijing-6x-family.json"),
                str(EXAMPLES / "shanghai-family.json")], capsys)[0] == 0
    try:
        yield args
    finally:
        set_locale("en")


def test_a_deadlines_severity_reads_in_chinese(data: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run([*data, "--lang", "zh_CN", "deadlines", "--as-of", "2026-11-30"], capsys)
    assert code == 0 and " 临近 " in out and " soon " not in out
    code, out, _err = run([*data, "deadlines", "--as-of", "2026-11-30", "--json"], capsys)
    assert "soon" in {i["severity"] for i in json.loads(out)["items"]}


def test_a_points_input_reads_in_chinese(data: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run([*data, "--lang", "zh_CN", "points", "--applicant", "1", "--as-of", "2026-11-30"], capsys)
    education = next(line for line in out.splitlines() if line.startswith("学历或国际职业资格"))
    assert code == 0 and " 硕士 " in education and "master" not in education


def test_no_eligibility_note_names_a_setting_by_its_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Seen in the Eligibility tab and `check`: (elig_year_reading), elig_days_3_years = 1096,
    elig_experience_overlap. A setting is named as File > Settings labels it, in the interface's language."""
    args = ["--data-dir", str(tmp_path)]
    for case in sorted(EXAMPLES.glob("*.json")):
        assert run([*args, "case", "import", str(case)], capsys)[0] == 0
    keys = set(load_setting_defs())
    ids = [a["id"] for a in json.loads(run([*args, "case", "list", "--json"], capsys)[1])["applicants"]]
    try:
        for lang in ("zh_CN", "en"):
            for applicant in ids:
                code, out, err = run([*args, "--lang", lang, "check", "--applicant", str(applicant), "--as-of",
                                      "2026-11-30"], capsys)
                assert code == 0, err
                assert not {k for k in keys if k in out}, (lang, applicant, {k for k in keys if k in out})
        assert "累计3年折算天数（严格）：1096" in run([*args, "--lang", "zh_CN", "check", "--applicant", "1", "--as-of",
                                               "2026-11-30"], capsys)[1]
    finally:
        set_locale("en")
