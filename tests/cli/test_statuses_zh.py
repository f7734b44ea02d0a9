"""Statuses and inputs in the Chinese text output (issue 15): a deadline's severity and a points factor's input
read in Chinese (临近, 硕士), never the code (soon, master) that `--json` keeps."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.i18n import set_locale
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
